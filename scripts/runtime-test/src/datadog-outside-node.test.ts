import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLER_CONDITIONS, bundleApp } from './bundle-app';

describe('@aitracing/exporter-datadog bundled for Workers, Vercel Edge or a browser', () => {
  it.each(Object.entries(BUNDLER_CONDITIONS))(
    'bundles for %s and throws one config error naming the alternative',
    async (_target, conditions) => {
      const directory = await mkdtemp(path.join(tmpdir(), 'aitracing-datadog-'));
      try {
        const entry = path.join(directory, 'entry.ts');
        const { writeFile } = await import('node:fs/promises');
        await writeFile(entry, "export { DatadogExporter } from '@aitracing/exporter-datadog';\n");
        const bundle = path.join(directory, 'bundle.mjs');
        await bundleApp(entry, bundle, conditions, {
          resolveDirectory: new URL('.', import.meta.url).pathname,
        });
        const { DatadogExporter } = (await import(bundle)) as { DatadogExporter: new () => unknown };
        let thrown: unknown;
        try {
          new DatadogExporter();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toMatchObject({ name: 'AITracingConfigError', field: 'runtime' });
        expect(String((thrown as Error).message)).toContain("preset: { provider: 'datadog' }");
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  );
});
