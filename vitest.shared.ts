import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Shared test settings: every package runs `vitest run --config ../../vitest.shared.ts`. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    testTimeout: 20_000,
    // The JSON report feeds the one-line summary `.ci/run` prints at the end.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    restoreMocks: true,
  },
});
