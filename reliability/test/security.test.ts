import { createRequire } from 'node:module';
import { AITracingConfigError, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { DatadogExporter } from '@aitracing/exporter-datadog';
import { LangfuseExporter } from '@aitracing/exporter-langfuse';
import { OtelExporter, type OtlpPreset } from '@aitracing/exporter-otel';
import { describe, expect, it } from 'vitest';
import { resolveLangfuseExporterOptions } from '../../packages/exporter-langfuse/src/langfuse-exporter-options';
import { resolvePreset } from '../../packages/exporter-otel/src/provider-presets';
import { createSecrets, findSecrets, secretValues } from '../src/security/secrets';

const secrets = createSecrets();
const SECRETS = secretValues(secrets);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopbackOrTls(url: string): boolean {
  const parsed = new URL(url);
  return LOOPBACK.has(parsed.hostname) || parsed.protocol === 'https:';
}

/** The endpoint an OtelExporter really uses, read from the debug line it logs at init (credentials stripped). */
function effectiveEndpoint(exporter: OtelExporter): string {
  const logger = new RecordingLogger();
  new DefaultAITracing({ serviceName: 'security', exporters: [exporter], logger });
  const line = logger.at('debug').find((text) => text.startsWith('otel exporter:'));
  const url = line?.match(/ to (\S+)/)?.[1];
  if (url === undefined) throw new Error(`no endpoint logged: ${JSON.stringify(logger.lines)}`);
  expect(findSecrets(logger.at('debug'), SECRETS, 'debug log')).toEqual([]);
  return url;
}

const NO_ENV = {};
const KEY = secrets.otlpHeaderValue;

describe('TLS for every non-loopback default endpoint', () => {
  const presets: Array<[string, OtlpPreset]> = [
    ['honeycomb (US)', { provider: 'honeycomb', apiKey: KEY }],
    ['honeycomb (EU)', { provider: 'honeycomb', apiKey: KEY, region: 'eu' }],
    [
      'langfuse',
      { provider: 'langfuse', publicKey: secrets.langfusePublicKey, secretKey: secrets.langfuseSecretKey },
    ],
    ['datadog agentless (default site)', { provider: 'datadog', apiKey: secrets.datadogApiKey }],
    [
      'datadog agentless (EU site)',
      { provider: 'datadog', apiKey: secrets.datadogApiKey, site: 'datadoghq.eu' },
    ],
    ['datadog via the agent', { provider: 'datadog' }],
    ['new relic (US)', { provider: 'newrelic', licenseKey: KEY }],
    ['new relic (EU)', { provider: 'newrelic', licenseKey: KEY, region: 'eu' }],
    ['phoenix', { provider: 'phoenix' }],
    ['collector', { provider: 'collector' }],
    ['jaeger', { provider: 'jaeger' }],
  ];

  it.each(presets)(
    'OTLP preset %s: https unless loopback, and the exporter really uses it',
    (_name, preset) => {
      const resolved = resolvePreset(preset, NO_ENV);
      expect(isLoopbackOrTls(resolved.tracesUrl), resolved.tracesUrl).toBe(true);
      expect(effectiveEndpoint(new OtelExporter({ preset }))).toBe(resolved.tracesUrl);
    },
  );

  it('OtelExporter without configuration sends to the local collector (loopback)', () => {
    expect(isLoopbackOrTls(effectiveEndpoint(new OtelExporter()))).toBe(true);
  });

  it('Langfuse defaults to its cloud over https, for the exporter and its OTLP preset', () => {
    const options = resolveLangfuseExporterOptions({ publicKey: 'pk', secretKey: 'sk' }, NO_ENV);
    expect(new URL(options.baseUrl).protocol).toBe('https:');
  });

  it("Datadog agentless: dd-trace's LLM Observability intake is https on every site; the agent default is loopback", () => {
    const load = createRequire(require.resolve('@aitracing/exporter-datadog'));
    load('dd-trace');
    const Writer = load('dd-trace/packages/dd-trace/src/llmobs/writers/spans.js') as new (
      config: unknown,
    ) => {
      setAgentless(agentless: boolean): void;
      url: string;
      destroy(): void;
    };
    for (const site of ['datadoghq.com', 'datadoghq.eu', 'us3.datadoghq.com', 'ap1.datadoghq.com']) {
      const writer = new Writer({ site, url: new URL('http://127.0.0.1:8126') });
      writer.setAgentless(true);
      expect(new URL(writer.url).protocol, writer.url).toBe('https:');
      writer.destroy();
    }
  });
});

describe('no secret in a configuration error', () => {
  const attempts: Array<[string, () => unknown]> = [
    [
      'OTLP headers with a bad endpoint',
      () => new OtelExporter({ headers: { authorization: `Bearer ${KEY}` }, endpoint: 'not a url' }),
    ],
    [
      'OTLP preset with a bad protocol',
      () => new OtelExporter({ preset: { provider: 'honeycomb', apiKey: KEY }, protocol: 'smoke' as never }),
    ],
    [
      'Grafana preset without instance id',
      () =>
        resolvePreset(
          { provider: 'grafana-cloud', endpoint: 'https://x', instanceId: '', apiKey: KEY },
          NO_ENV,
        ),
    ],
    [
      'Langfuse keys with a bad base URL',
      () =>
        new LangfuseExporter({
          publicKey: secrets.langfusePublicKey,
          secretKey: secrets.langfuseSecretKey,
          baseUrl: 'nope',
        }),
    ],
    [
      'Langfuse keys with a bad flushAt',
      () =>
        new LangfuseExporter({
          publicKey: secrets.langfusePublicKey,
          secretKey: secrets.langfuseSecretKey,
          flushAt: -1,
        }),
    ],
    [
      'Datadog key with a bad mode',
      () => new DatadogExporter({ apiKey: secrets.datadogApiKey, mode: 'bogus' as never }),
    ],
    [
      'Datadog key in an agent URL with a bad scheme',
      () =>
        new DatadogExporter({
          agentUrl: `ftp://user:${secrets.datadogApiKey}@agent.internal:8126/?api_key=${secrets.datadogApiKey}`,
        }),
    ],
  ];

  it.each(attempts)('%s: a typed config error that names the field, never the secret', (_name, attempt) => {
    let thrown: unknown;
    try {
      attempt();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AITracingConfigError);
    const error = thrown as AITracingConfigError;
    expect(
      findSecrets([error.message, String(error.stack), JSON.stringify(error)], SECRETS, 'error'),
    ).toEqual([]);
  });
});
