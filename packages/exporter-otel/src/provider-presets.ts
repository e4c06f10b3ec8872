import { AITracingConfigError } from '@aitracing/core';
import { basicAuthorization, runtimeEnvironment } from '@aitracing/core/exporter-kit';
import type { OtlpProtocol } from './otlp-protocol';

/** Ready-made endpoints and auth headers for common OTLP backends. */
export type OtlpPreset =
  | { provider: 'collector' | 'jaeger'; endpoint?: string }
  | { provider: 'grafana-cloud'; endpoint: string; instanceId: string; apiKey: string }
  | { provider: 'honeycomb'; apiKey?: string; region?: 'us' | 'eu'; dataset?: string }
  | { provider: 'langfuse'; publicKey?: string; secretKey?: string; baseUrl?: string }
  | { provider: 'phoenix'; endpoint?: string; apiKey?: string }
  | { provider: 'datadog'; apiKey?: string; site?: string; agentEndpoint?: string }
  | { provider: 'newrelic'; licenseKey?: string; region?: 'us' | 'eu' }
  | {
      provider: 'langsmith';
      apiKey?: string;
      /** Project the traces land in (LangSmith's `default` when absent) */
      projectName?: string;
      /** Workspace, for API keys that span several */
      workspaceId?: string;
      /** API URL for self-hosted LangSmith; `region` picks the SaaS one otherwise */
      endpoint?: string;
      region?: 'us' | 'eu';
    }
  | {
      provider: 'braintrust';
      apiKey?: string;
      /** Where spans land: `project_name:<name>`, `project_id:<id>` or `experiment_id:<id>` */
      parent?: string;
      /** Shorthand for `parent: 'project_name:<name>'` */
      projectName?: string;
      /** API URL of a self-hosted data plane; `region` picks the hosted one otherwise */
      apiUrl?: string;
      region?: 'us' | 'eu';
    };

/** What a preset fills in: the traces URL and auth headers (plus a protocol or option it needs). */
export interface ResolvedPreset {
  readonly tracesUrl: string;
  readonly headers: Record<string, string>;
  readonly protocol?: OtlpProtocol;
  readonly openInference?: boolean;
}

function required(value: string | undefined, field: string, envName?: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  const hint = envName === undefined ? '' : ` (or set ${envName})`;
  throw new AITracingConfigError(`preset.${field}`, `is required${hint}`);
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function basicAuth(user: string, password: string): string {
  return basicAuthorization(user, password);
}

/**
 * Turn a preset into a traces URL and headers. Keys come from the preset or
 * the provider's usual env variable; a missing key is a config error that
 * names the field, never the value.
 */
export function resolvePreset(
  preset: OtlpPreset,
  env: NodeJS.ProcessEnv = runtimeEnvironment(),
): ResolvedPreset {
  switch (preset.provider) {
    case 'collector':
    case 'jaeger':
      return { tracesUrl: joinUrl(preset.endpoint ?? 'http://localhost:4318', '/v1/traces'), headers: {} };
    case 'grafana-cloud':
      return {
        tracesUrl: joinUrl(required(preset.endpoint, 'endpoint'), '/v1/traces'),
        headers: {
          authorization: basicAuth(
            required(preset.instanceId, 'instanceId'),
            required(preset.apiKey, 'apiKey'),
          ),
        },
      };
    case 'honeycomb': {
      const headers: Record<string, string> = {
        'x-honeycomb-team': required(preset.apiKey ?? env.HONEYCOMB_API_KEY, 'apiKey', 'HONEYCOMB_API_KEY'),
      };
      if (preset.dataset !== undefined) headers['x-honeycomb-dataset'] = preset.dataset;
      const host = preset.region === 'eu' ? 'https://api.eu1.honeycomb.io' : 'https://api.honeycomb.io';
      return { tracesUrl: `${host}/v1/traces`, headers };
    }
    case 'langfuse': {
      const publicKey = required(
        preset.publicKey ?? env.LANGFUSE_PUBLIC_KEY,
        'publicKey',
        'LANGFUSE_PUBLIC_KEY',
      );
      const secretKey = required(
        preset.secretKey ?? env.LANGFUSE_SECRET_KEY,
        'secretKey',
        'LANGFUSE_SECRET_KEY',
      );
      const baseUrl =
        preset.baseUrl ?? env.LANGFUSE_BASE_URL ?? env.LANGFUSE_BASEURL ?? 'https://cloud.langfuse.com';
      return {
        tracesUrl: joinUrl(baseUrl, '/api/public/otel/v1/traces'),
        headers: { authorization: basicAuth(publicKey, secretKey), 'x-langfuse-ingestion-version': '4' },
      };
    }
    case 'phoenix': {
      const endpoint = preset.endpoint ?? env.PHOENIX_COLLECTOR_ENDPOINT ?? 'http://localhost:6006';
      const apiKey = preset.apiKey ?? env.PHOENIX_API_KEY;
      return {
        tracesUrl: endpoint.endsWith('/v1/traces') ? endpoint : joinUrl(endpoint, '/v1/traces'),
        headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
        openInference: true,
      };
    }
    case 'datadog': {
      const apiKey = preset.apiKey ?? env.DD_API_KEY;
      if (apiKey === undefined || apiKey === '') {
        // Through the local Datadog Agent's OTLP receiver.
        return {
          tracesUrl: joinUrl(preset.agentEndpoint ?? 'http://localhost:4318', '/v1/traces'),
          headers: {},
        };
      }
      const site = preset.site ?? env.DD_SITE ?? 'datadoghq.com';
      return {
        tracesUrl: `https://otlp.${site}/v1/traces`,
        headers: { 'dd-protocol': 'otlp', 'dd-api-key': apiKey },
        protocol: 'http/protobuf',
      };
    }
    case 'newrelic': {
      const licenseKey = required(
        preset.licenseKey ?? env.NEW_RELIC_LICENSE_KEY,
        'licenseKey',
        'NEW_RELIC_LICENSE_KEY',
      );
      const host = preset.region === 'eu' ? 'https://otlp.eu01.nr-data.net' : 'https://otlp.nr-data.net';
      return { tracesUrl: `${host}/v1/traces`, headers: { 'api-key': licenseKey } };
    }
    case 'langsmith': {
      const apiKey = required(preset.apiKey ?? env.LANGSMITH_API_KEY, 'apiKey', 'LANGSMITH_API_KEY');
      const base =
        preset.endpoint ??
        env.LANGSMITH_ENDPOINT ??
        (preset.region === 'eu' ? 'https://eu.api.smith.langchain.com' : 'https://api.smith.langchain.com');
      const headers: Record<string, string> = { 'x-api-key': apiKey };
      const project = preset.projectName ?? env.LANGSMITH_PROJECT;
      if (project !== undefined && project.trim() !== '') headers['langsmith-project'] = project.trim();
      const workspace = preset.workspaceId ?? env.LANGSMITH_WORKSPACE_ID;
      if (workspace !== undefined && workspace.trim() !== '') headers['x-tenant-id'] = workspace.trim();
      return { tracesUrl: joinUrl(base, '/otel/v1/traces'), headers, protocol: 'http/protobuf' };
    }
    case 'braintrust': {
      const apiKey = required(preset.apiKey ?? env.BRAINTRUST_API_KEY, 'apiKey', 'BRAINTRUST_API_KEY');
      // Braintrust files every span under a parent (project or experiment): without one nothing lands.
      const parent = required(
        preset.parent ??
          (preset.projectName === undefined ? undefined : `project_name:${preset.projectName}`) ??
          env.BRAINTRUST_PARENT,
        'parent',
        'BRAINTRUST_PARENT, e.g. project_name:my-project',
      );
      const base =
        preset.apiUrl ??
        env.BRAINTRUST_API_URL ??
        (preset.region === 'eu' ? 'https://api-eu.braintrust.dev' : 'https://api.braintrust.dev');
      return {
        tracesUrl: joinUrl(base, '/otel/v1/traces'),
        headers: { authorization: `Bearer ${apiKey}`, 'x-bt-parent': parent },
        protocol: 'http/protobuf',
      };
    }
    default:
      throw new AITracingConfigError(
        'preset.provider',
        "must be one of 'collector', 'jaeger', 'grafana-cloud', 'honeycomb', 'langfuse', 'phoenix', 'datadog', 'newrelic', 'langsmith', 'braintrust'",
      );
  }
}
