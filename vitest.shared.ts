import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vitest/config';

// Vite's own TypeScript transform does not lower TC39 standard decorators yet,
// and Node 20 cannot run them: test files that use decorators go through
// esbuild first, which lowers them exactly as users' TypeScript 5 builds do.
// Only test files use decorator syntax; the library only provides decorators.
const standardDecorators: Plugin = {
  name: 'aitracing:standard-decorators',
  enforce: 'pre',
  async transform(code, id) {
    if (!id.endsWith('.test.ts') || !/(^|\s)@[A-Za-z]/m.test(code)) return undefined;
    const result = await transform(code, {
      loader: 'ts',
      target: 'es2022',
      format: 'esm',
      sourcemap: true,
      sourcefile: id,
    });
    return { code: result.code, map: result.map };
  },
};

/** Shared test settings: every package runs `vitest run --config ../../vitest.shared.ts`. */
export default defineConfig({
  plugins: [standardDecorators],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    // A backstop against hangs, never a speed limit: tests wait for conditions (vi.waitFor)
    // and must pass on two shared, busy cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report feeds the one-line summary `.ci/run` prints at the end.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    restoreMocks: true,
  },
});
