import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { sharedConfig } from '../../tsup.shared';

const entry = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  instrumentation: 'src/instrumentation/index.ts',
  'exporter-kit': 'src/exporter-kit/index.ts',
};

// The browser build takes `x.browser.ts` wherever it sits beside `x.ts` (the
// context store and the Node HTTP loader): no Node built-in reachable from it.
const browserFiles: Plugin = {
  name: 'browser-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const browserFile = path.resolve(args.resolveDir, `${args.path}.browser.ts`);
      return existsSync(browserFile) ? { path: browserFile } : undefined;
    });
  },
};

const nodeBuilds = sharedConfig(entry, {
  // `@internal` members (the engine's span callbacks) stay out of the published types.
  dts: { compilerOptions: { stripInternal: true } },
  // dist/browser is the other build's, written at the same time.
  clean: ['!browser/**'],
}) as Options;

export default defineConfig([
  nodeBuilds,
  {
    entry,
    format: ['esm'],
    outDir: 'dist/browser',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    splitting: true,
    treeshake: true,
    dts: false,
    clean: true,
    external: ['@aitracing/model-prices'],
    esbuildPlugins: [browserFiles],
  },
]);
