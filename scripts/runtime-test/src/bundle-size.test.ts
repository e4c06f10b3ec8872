import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLER_CONDITIONS } from './bundle-app';

/**
 * Budget for `@aitracing/core` + `@aitracing/exporter-otel` bundled and
 * minified for browsers and edge runtimes, gzipped. Measured 2026-12-03:
 * 29.2 KB (browser), 29.4 KB (workerd, edge-light); 36.3 / 36.4 KB once the
 * value-based secret and personal-data detectors (issue 20) joined core.
 * Raised from 35 KB to 40 KB on purpose for them. Raise it only on purpose.
 */
const GZIP_BUDGET_BYTES = 40 * 1024;

const ENTRY = `
import { Observability } from '@aitracing/core';
import { OtelExporter } from '@aitracing/exporter-otel';
export const observability = new Observability({ default: { enabled: true, exporters: [new OtelExporter()] } });
`;

async function measure(conditions: readonly string[]): Promise<{ gzipBytes: number; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: new URL('.', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: conditions.includes('worker') ? 'neutral' : 'browser',
    mainFields: ['browser', 'module', 'main'],
    conditions: [...conditions],
    // As wrangler with nodejs_compat: Node built-ins stay imports for the runtime; the browser gets none.
    external: conditions.includes('worker') ? ['node:*'] : [],
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  if (process.env.AITRACING_PRINT_BUNDLE_SIZE === '1') {
    process.stderr.write(
      `[bundle-size] ${conditions.join(',')}: ${output.contents.byteLength} B minified, ${gzipSync(output.contents, { level: 9 }).byteLength} B gzipped\n`,
    );
  }
  return { gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength, metafile: result.metafile };
}

/** The distinct modules the bundle loads (a module imported and re-exported by one chunk counts once). */
function outputImports(metafile: Metafile, kind?: 'import-statement' | 'dynamic-import'): string[] {
  const paths = Object.values(metafile.outputs).flatMap((output) =>
    output.imports
      .filter((imported) => kind === undefined || imported.kind === kind)
      .map((imported) => imported.path),
  );
  return [...new Set(paths)];
}

describe('the browser and edge bundle of core + exporter-otel', () => {
  it('stays under the gzip budget in the browser, with no Node built-in and no polyfill', async () => {
    const { gzipBytes, metafile } = await measure(BUNDLER_CONDITIONS.browser);
    expect(gzipBytes).toBeLessThan(GZIP_BUDGET_BYTES);
    expect(outputImports(metafile)).toEqual([]);
    // Only our own packages are bundled: nothing from a polyfill or any other dependency.
    const foreign = Object.keys(metafile.inputs).filter(
      (input) => !/(^|\/)packages\/[a-z-]+\/dist\//.test(input),
    );
    expect(foreign).toEqual(['<stdin>']);
  });

  it('stays under the gzip budget on Workers, loading only node:async_hooks', async () => {
    const { gzipBytes, metafile } = await measure(BUNDLER_CONDITIONS.workerd);
    expect(gzipBytes).toBeLessThan(GZIP_BUDGET_BYTES);
    expect(outputImports(metafile, 'import-statement')).toEqual(['node:async_hooks']);
    // Node's HTTP client, imported on first post only where `process.versions.node` is real (never on Workers).
    expect(outputImports(metafile, 'dynamic-import').sort()).toEqual([
      'node:http',
      'node:https',
      'node:zlib',
    ]);
  });

  it('is the same build for Vercel Edge (edge-light) as for Workers', async () => {
    const edge = await measure(BUNDLER_CONDITIONS.edgeLight);
    expect(outputImports(edge.metafile, 'import-statement')).toEqual(['node:async_hooks']);
    expect(edge.gzipBytes).toBeLessThan(GZIP_BUDGET_BYTES);
  });
});
