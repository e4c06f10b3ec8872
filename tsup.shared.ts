import { defineConfig, type Options } from 'tsup';

/**
 * The one build configuration every package uses: ESM and CommonJS bundles with
 * `.d.ts` / `.d.cts` declarations, Node 20 target, no minification (stack traces
 * stay readable in users' logs).
 */
export function sharedConfig(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    splitting: true,
    // import.meta.url works in the CommonJS build too (core resolves optional exporters with it).
    shims: true,
    treeshake: true,
    target: 'node20',
    platform: 'node',
    // Keep `node:` specifiers: Workers (`nodejs_compat`) and Deno resolve Node built-ins only by them.
    removeNodeProtocol: false,
    outDir: 'dist',
    ...overrides,
  });
}
