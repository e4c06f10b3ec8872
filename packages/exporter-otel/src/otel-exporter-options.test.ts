import { AITracingConfigError } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { resolveOtelExporterOptions } from './otel-exporter-options';
import { resolvePreset } from './provider-presets';

describe('OtelExporter options', () => {
  it('defaults to HTTP/protobuf on a local Collector with the OpenTelemetry batch defaults', () => {
    expect(resolveOtelExporterOptions({}, {})).toMatchObject({
      url: 'http://localhost:4318/v1/traces',
      protocol: 'http/protobuf',
      maxQueueSize: 2048,
      maxBatchSize: 512,
      scheduledDelayMs: 5000,
      exportTimeoutMs: 10000,
      captureContent: true,
      openInference: false,
      immediate: false,
    });
    expect(resolveOtelExporterOptions({ protocol: 'grpc' }, {}).url).toBe('http://localhost:4317');
  });

  it('reads the standard OTEL_EXPORTER_OTLP_* variables, with explicit options winning', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.internal:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=acme,authorization=Bearer%20env-token',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-extra=1',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    };
    expect(resolveOtelExporterOptions({}, env)).toMatchObject({
      url: 'https://collector.internal:4318/v1/traces',
      protocol: 'http/json',
      headers: { 'x-tenant': 'acme', authorization: 'Bearer env-token', 'x-extra': '1' },
    });
    const traces = { ...env, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.internal/custom/path' };
    expect(resolveOtelExporterOptions({}, traces).url).toBe('https://traces.internal/custom/path');
    const explicit = resolveOtelExporterOptions(
      { endpoint: 'http://other:4318/v1/traces', protocol: 'http/protobuf', headers: { 'x-tenant': 'mine' } },
      env,
    );
    expect(explicit).toMatchObject({ url: 'http://other:4318/v1/traces', protocol: 'http/protobuf' });
    expect(explicit.headers['x-tenant']).toBe('mine');
  });

  it.each([
    [{ provider: 'collector' }, 'http://localhost:4318/v1/traces', {}],
    [
      { provider: 'honeycomb', apiKey: 'hc-key', region: 'eu' },
      'https://api.eu1.honeycomb.io/v1/traces',
      { 'x-honeycomb-team': 'hc-key' },
    ],
    [
      { provider: 'langfuse', publicKey: 'pk-lf-1', secretKey: 'sk-lf-1', baseUrl: 'https://lf.example.com' },
      'https://lf.example.com/api/public/otel/v1/traces',
      {
        authorization: `Basic ${Buffer.from('pk-lf-1:sk-lf-1').toString('base64')}`,
        'x-langfuse-ingestion-version': '4',
      },
    ],
    [
      {
        provider: 'grafana-cloud',
        endpoint: 'https://otlp-gateway-prod-eu-west-2.grafana.net/otlp',
        instanceId: '123',
        apiKey: 'glc',
      },
      'https://otlp-gateway-prod-eu-west-2.grafana.net/otlp/v1/traces',
      { authorization: `Basic ${Buffer.from('123:glc').toString('base64')}` },
    ],
    [{ provider: 'phoenix' }, 'http://localhost:6006/v1/traces', {}],
    [
      { provider: 'datadog', apiKey: 'dd-key', site: 'datadoghq.eu' },
      'https://otlp.datadoghq.eu/v1/traces',
      { 'dd-protocol': 'otlp', 'dd-api-key': 'dd-key' },
    ],
    [{ provider: 'datadog' }, 'http://localhost:4318/v1/traces', {}],
    [
      { provider: 'newrelic', licenseKey: 'nr-key' },
      'https://otlp.nr-data.net/v1/traces',
      { 'api-key': 'nr-key' },
    ],
    [
      { provider: 'langsmith', apiKey: 'ls-key', projectName: 'support' },
      'https://api.smith.langchain.com/otel/v1/traces',
      { 'x-api-key': 'ls-key', 'langsmith-project': 'support' },
    ],
    [
      { provider: 'langsmith', apiKey: 'ls-key', region: 'eu', workspaceId: 'ws-1' },
      'https://eu.api.smith.langchain.com/otel/v1/traces',
      { 'x-api-key': 'ls-key', 'x-tenant-id': 'ws-1' },
    ],
    [
      { provider: 'braintrust', apiKey: 'bt-key', projectName: 'support' },
      'https://api.braintrust.dev/otel/v1/traces',
      { authorization: 'Bearer bt-key', 'x-bt-parent': 'project_name:support' },
    ],
    [
      { provider: 'braintrust', apiKey: 'bt-key', parent: 'project_id:p-1', region: 'eu' },
      'https://api-eu.braintrust.dev/otel/v1/traces',
      { authorization: 'Bearer bt-key', 'x-bt-parent': 'project_id:p-1' },
    ],
  ] as const)('preset %j fills endpoint and auth', (preset, url, headers) => {
    const resolved = resolveOtelExporterOptions({ preset }, {});
    expect(resolved.url).toBe(url);
    expect(resolved.headers).toEqual(headers);
  });

  it('takes provider keys from their usual env variables and turns on OpenInference for Phoenix', () => {
    const resolved = resolvePreset(
      { provider: 'langfuse' },
      { LANGFUSE_PUBLIC_KEY: 'pk', LANGFUSE_SECRET_KEY: 'sk' },
    );
    expect(resolved.tracesUrl).toBe('https://cloud.langfuse.com/api/public/otel/v1/traces');
    expect(resolveOtelExporterOptions({ preset: { provider: 'phoenix' } }, {}).openInference).toBe(true);
  });

  it('reads content capture from OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT as a boolean or a GenAI content mode', () => {
    const capture = (value: string) =>
      resolveOtelExporterOptions({}, { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: value })
        .captureContent;
    expect([capture('false'), capture('true'), capture('NO_CONTENT')]).toEqual([false, true, false]);
    expect([capture('SPAN_ONLY'), capture('EVENT_ONLY'), capture('span_and_event')]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('reads LangSmith and Braintrust settings from their usual env variables', () => {
    const langsmith = resolvePreset(
      { provider: 'langsmith' },
      {
        LANGSMITH_API_KEY: 'ls',
        LANGSMITH_ENDPOINT: 'https://langsmith.internal/api/v1',
        LANGSMITH_PROJECT: 'p',
      },
    );
    expect(langsmith).toMatchObject({
      tracesUrl: 'https://langsmith.internal/api/v1/otel/v1/traces',
      headers: { 'x-api-key': 'ls', 'langsmith-project': 'p' },
      protocol: 'http/protobuf',
    });
    const braintrust = resolvePreset(
      { provider: 'braintrust' },
      {
        BRAINTRUST_API_KEY: 'bt',
        BRAINTRUST_PARENT: 'experiment_id:e-1',
        BRAINTRUST_API_URL: 'https://bt.internal',
      },
    );
    expect(braintrust).toMatchObject({
      tracesUrl: 'https://bt.internal/otel/v1/traces',
      headers: { authorization: 'Bearer bt', 'x-bt-parent': 'experiment_id:e-1' },
    });
  });

  it('rejects LangSmith and Braintrust presets without their key, or Braintrust without a parent, when options are resolved (at construction)', () => {
    expect(() => resolveOtelExporterOptions({ preset: { provider: 'langsmith' } }, {})).toThrow(
      /preset\.apiKey is required \(or set LANGSMITH_API_KEY\)/,
    );
    expect(() =>
      resolveOtelExporterOptions({ preset: { provider: 'braintrust', projectName: 'p' } }, {}),
    ).toThrow(/preset\.apiKey is required \(or set BRAINTRUST_API_KEY\)/);
    expect(() =>
      resolveOtelExporterOptions({ preset: { provider: 'braintrust', apiKey: 'bt-secret' } }, {}),
    ).toThrow(/preset\.parent is required \(or set BRAINTRUST_PARENT/);
    try {
      resolveOtelExporterOptions({ preset: { provider: 'braintrust', apiKey: 'bt-secret' } }, {});
    } catch (error) {
      expect(error).toBeInstanceOf(AITracingConfigError);
      expect((error as Error).message).not.toContain('bt-secret');
    }
  });

  it('names a missing key and its env variable without ever printing a key', () => {
    expect(() => resolvePreset({ provider: 'honeycomb' }, {})).toThrow(
      /preset\.apiKey is required \(or set HONEYCOMB_API_KEY\)/,
    );
    try {
      resolvePreset({ provider: 'langfuse', publicKey: 'pk-visible-nowhere' }, {});
    } catch (error) {
      expect(error).toBeInstanceOf(AITracingConfigError);
      expect((error as Error).message).not.toContain('pk-visible-nowhere');
    }
  });

  it.each([
    [{ protocol: 'udp' }, 'protocol'],
    [{ endpoint: 'not a url' }, 'endpoint'],
    [{ maxQueueSize: 0 }, 'maxQueueSize'],
    [{ exportMode: 'sometimes' }, 'exportMode'],
    [{ compression: 'brotli' }, 'compression'],
  ])('rejects %j with a clear config error', (options, field) => {
    expect(() => resolveOtelExporterOptions(options as never, {})).toThrow(
      expect.objectContaining({ field }) as unknown as Error,
    );
  });
});

describe('endpoint validation', () => {
  it.each(['localhost:4318', '127.0.0.1:4318/v1/traces', 'collector'])(
    'throws at construction for %j in code, naming the field and the fix',
    (endpoint) => {
      expect(() => resolveOtelExporterOptions({ endpoint }, {})).toThrow(AITracingConfigError);
      expect(() => resolveOtelExporterOptions({ endpoint }, {})).toThrow(
        new RegExp(`endpoint must be an absolute http:// or https:// URL.*use "http://${endpoint}"`),
      );
    },
  );

  it('ignores a scheme-less OTEL_EXPORTER_OTLP_ENDPOINT with one warning echoing it, and uses the default', () => {
    const resolved = resolveOtelExporterOptions({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' });
    expect(resolved.url).toBe('http://localhost:4318/v1/traces');
    expect(resolved.warnings).toHaveLength(1);
    expect(resolved.warnings[0]).toContain('OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318" is not an http');
  });

  it('falls back from a bad traces endpoint to a good base endpoint', () => {
    const resolved = resolveOtelExporterOptions(
      {},
      {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'localhost:4318',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      },
    );
    expect(resolved.url).toBe('http://collector:4318/v1/traces');
    expect(resolved.warnings[0]).toContain('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  });

  it('never echoes credentials of a bad env endpoint', () => {
    const resolved = resolveOtelExporterOptions(
      {},
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'user:s3cret@collector:4318' },
    );
    expect(resolved.warnings.join('\n')).not.toContain('s3cret');
  });
});
