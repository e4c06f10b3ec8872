import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// One package, two OpenTelemetry generations. SDK 2 runs with this package's
// `@opentelemetry/api` 1.9. SDK 3 needs api 1.10, which pnpm cannot give the
// same package as well: in its project every `@opentelemetry/*` module goes
// through Vite (inlined), with `@opentelemetry/api` resolved to 1.10, so the
// SDK, the HTTP instrumentation and the bridge share one api 1.10 as in an app.
const api110 = fileURLToPath(import.meta.resolve('@opentelemetry/api-v1-10'));
const { include: _include, reporters, ...sharedTest } = shared.test ?? {};

export default defineConfig({
  test: {
    reporters,
    projects: [
      {
        plugins: shared.plugins,
        test: { ...sharedTest, name: 'sdk2', include: ['src/**/*.test.ts', 'test/sdk2.test.ts'] },
      },
      {
        plugins: shared.plugins,
        resolve: { alias: [{ find: /^@opentelemetry\/api$/, replacement: api110 }] },
        test: {
          ...sharedTest,
          name: 'sdk3',
          include: ['test/sdk3.test.ts'],
          server: { deps: { inline: [/@opentelemetry\//] } },
        },
      },
    ],
  },
});
