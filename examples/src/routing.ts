import { type ConfigSelector, Observability } from '@aitracing/core';
import { ConsoleExporter, type ConsoleExporterStream } from '@aitracing/exporter-console';

/**
 * Picks the tracing instance for a new trace from the request's runtime
 * context: `environment=production` goes to `production`, `development` to
 * `development`, anything else to the default (the first config).
 */
export const configSelector: ConfigSelector = (options) => {
  const environment = options.runtimeContext?.get('environment');
  return environment === 'production' || environment === 'development' ? environment : undefined;
};

/**
 * One config object, one instance per environment. Development (the default)
 * prints trees; production writes JSON lines, the stand-in for a backend in
 * this offline example — in a real app that entry holds
 * `new OtelExporter({ preset: ... })` from `@aitracing/exporter-otel`.
 */
export function createRoutedObservability(stream: ConsoleExporterStream = process.stdout): Observability {
  return new Observability({
    configs: {
      development: { serviceName: 'support-app', exporters: [new ConsoleExporter({ stream })] },
      production: {
        serviceName: 'support-app',
        exporters: [new ConsoleExporter({ stream, format: 'json' })],
      },
    },
    configSelector,
  });
}
