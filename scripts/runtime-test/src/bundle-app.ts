import path from 'node:path';
import { build } from 'esbuild';

/** The resolve conditions of the bundlers our users deploy with. */
export const BUNDLER_CONDITIONS = {
  /** wrangler for Cloudflare Workers. */
  workerd: ['workerd', 'worker', 'browser'],
  /** Next.js for `export const runtime = 'edge'` (Vercel Edge). */
  edgeLight: ['edge-light', 'worker', 'browser'],
  /** Vite, webpack and esbuild for a web page. */
  browser: ['browser'],
} as const;

/**
 * Bundle `entry` into one ESM file the way the platform's bundler does:
 * with `conditions`, Node built-ins left as `node:*` imports for the runtime
 * to provide (wrangler with `nodejs_compat`), nothing polyfilled.
 */
export async function bundleApp(
  entry: string,
  outfile: string,
  conditions: readonly string[],
  options: { readonly minify?: boolean; readonly resolveDirectory?: string } = {},
): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: conditions.includes('worker') ? 'neutral' : 'browser',
    mainFields: ['browser', 'module', 'main'],
    conditions: [...conditions],
    external: ['node:*'],
    target: 'es2022',
    minify: options.minify ?? false,
    logLevel: 'silent',
    // An entry outside this package still resolves our packages from here.
    nodePaths:
      options.resolveDirectory === undefined ? [] : [path.join(options.resolveDirectory, '../node_modules')],
  });
}
