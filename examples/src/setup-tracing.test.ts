import { describe, expect, it } from 'vitest';
import { createObservability, DEMO_SERVICE_NAME } from './setup-tracing';

describe('createObservability', () => {
  it('prints to the console, writes trace files, and takes the service name from the environment', async () => {
    const configured = createObservability({ AITRACING_SERVICE_NAME: 'checkout' });
    expect(configured.getDefault()?.getConfig().serviceName).toBe('checkout');
    expect(
      configured
        .getDefault()
        ?.getExporters()
        .map((exporter) => exporter.name),
    ).toEqual(['console', 'file']);
    expect(
      createObservability({ OTEL_SERVICE_NAME: 'otel-name' }).getDefault()?.getConfig().serviceName,
    ).toBe('otel-name');
    expect(createObservability({}).getDefault()?.getConfig().serviceName).toBe(DEMO_SERVICE_NAME);
    await configured.shutdown();
  });

  it('adds the OTLP exporter when an OTLP endpoint is configured', async () => {
    const observability = createObservability({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
    expect(
      observability
        .getDefault()
        ?.getExporters()
        .map((exporter) => exporter.name),
    ).toEqual(['console', 'file', 'otel']);
    await observability.shutdown(100);
  });
});
