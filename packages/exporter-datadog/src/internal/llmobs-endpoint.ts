import { resolveAgentUrl } from './agent-url';
import type { DdTracerConfig } from './dd-trace-api';
import type { LLMObsContext } from './llmobs-event';
import type { ResolvedDatadogOptions } from './resolve-options';

/** Where LLM Observability span events go, and the headers that route them. */
export interface LLMObsEndpoint {
  readonly url: string;
  /** Never logged: may hold the API key */
  readonly headers: Readonly<Record<string, string>>;
  /** Why the agent URL dd-trace uses could not be used (e.g. a Unix socket), for a warning */
  readonly problem?: string;
}

const DEFAULT_SITE = 'datadoghq.com';
const LLMOBS_PATH = '/api/v2/llmobs';
const EVALUATIONS_PATH = '/api/intake/llm-obs/v2/eval-metric';
const EVP_PROXY_PATH = '/evp_proxy/v2';

/**
 * The agent's EVP proxy (`{agent}/evp_proxy/v2/api/v2/llmobs`, header
 * `X-Datadog-EVP-Subdomain: llmobs-intake`) or, agentless,
 * `https://llmobs-intake.{site}/api/v2/llmobs` with `DD-API-KEY`. The agent
 * URL is dd-trace's own (the option, `DD_TRACE_AGENT_URL`, or
 * `DD_AGENT_HOST`/`DD_TRACE_AGENT_PORT`, as dd-trace resolved them), else
 * resolved the same way here, default `http://127.0.0.1:8126`.
 */
export function resolveLLMObsEndpoint(
  options: ResolvedDatadogOptions,
  config: DdTracerConfig | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): LLMObsEndpoint {
  if (options.agentless) {
    const site = text(config?.site) ?? options.site ?? text(environment.DD_SITE) ?? DEFAULT_SITE;
    const apiKey = options.apiKey ?? text(environment.DD_API_KEY) ?? '';
    return { url: `https://llmobs-intake.${site}${LLMOBS_PATH}`, headers: { 'DD-API-KEY': apiKey } };
  }
  const headers = { 'X-Datadog-EVP-Subdomain': 'llmobs-intake' };
  const agent = resolveAgentUrl(options, config, environment);
  const url = join(agent.url, `${EVP_PROXY_PATH}${LLMOBS_PATH}`);
  return agent.problem === undefined ? { url, headers } : { url, headers, problem: agent.problem };
}

/**
 * Where evaluation metrics (scores) go, as dd-trace's evaluation writer
 * sends them: the agent's EVP proxy
 * (`{agent}/evp_proxy/v2/api/intake/llm-obs/v2/eval-metric`, header
 * `X-Datadog-EVP-Subdomain: api`) or, agentless,
 * `https://api.{site}/api/intake/llm-obs/v2/eval-metric` with `DD-API-KEY`.
 */
export function resolveEvaluationEndpoint(
  options: ResolvedDatadogOptions,
  config: DdTracerConfig | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): LLMObsEndpoint {
  if (options.agentless) {
    const site = text(config?.site) ?? options.site ?? text(environment.DD_SITE) ?? DEFAULT_SITE;
    const apiKey = options.apiKey ?? text(environment.DD_API_KEY) ?? '';
    return { url: `https://api.${site}${EVALUATIONS_PATH}`, headers: { 'DD-API-KEY': apiKey } };
  }
  const agent = resolveAgentUrl(options, config, environment);
  return {
    url: join(agent.url, `${EVP_PROXY_PATH}${EVALUATIONS_PATH}`),
    headers: { 'X-Datadog-EVP-Subdomain': 'api' },
  };
}

/**
 * Unified service tags and ML app: what dd-trace resolved (the application's
 * own settings when it initialised dd-trace), else the exporter's options
 * and `DD_*` variables.
 */
export function resolveLLMObsContext(
  options: ResolvedDatadogOptions,
  config: DdTracerConfig | undefined,
  serviceName: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): LLMObsContext {
  const service =
    text(config?.service) ?? options.service ?? text(environment.DD_SERVICE) ?? text(serviceName);
  const globalTags: Record<string, string> = {};
  const parsed = config?.parsedDdTags;
  if (parsed !== null && typeof parsed === 'object') {
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string' || typeof value === 'number') globalTags[key] = String(value);
    }
  }
  return {
    mlApp:
      options.mlApp ??
      text(config?.llmobs?.mlApp) ??
      text(environment.DD_LLMOBS_ML_APP) ??
      service ??
      'aitracing',
    service,
    env: text(config?.env) ?? options.env ?? text(environment.DD_ENV),
    version: text(config?.version) ?? options.version ?? text(environment.DD_VERSION),
    globalTags,
  };
}

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
