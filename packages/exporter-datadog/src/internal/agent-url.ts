import type { DdTracerConfig } from './dd-trace-api';
import type { ResolvedDatadogOptions } from './resolve-options';

/** The agent's base URL, and why dd-trace's could not be used (for a warning). */
export interface AgentUrl {
  readonly url: string;
  readonly problem?: string;
}

/**
 * The agent URL dd-trace uses (the `agentUrl` option, `DD_TRACE_AGENT_URL`, or
 * `DD_AGENT_HOST`/`DD_TRACE_AGENT_PORT`, as dd-trace resolved them), else
 * resolved the same way here, default `http://127.0.0.1:8126`. A Unix socket
 * cannot be reached with `fetch`: then the HTTP fallback applies, with a
 * `problem` to warn about.
 */
export function resolveAgentUrl(
  options: ResolvedDatadogOptions,
  config: DdTracerConfig | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): AgentUrl {
  const fromTracer = config?.url === undefined ? undefined : String(config.url);
  const fallback = fallbackAgentUrl(options, environment);
  if (fromTracer !== undefined && !/^https?:/i.test(fromTracer)) {
    return {
      url: fallback,
      problem: `dd-trace reaches the agent at ${fromTracer.split(':')[0]}:, which this exporter cannot use; spans go to ${fallback}`,
    };
  }
  return { url: (fromTracer ?? fallback).replace(/\/+$/, '') };
}

function fallbackAgentUrl(options: ResolvedDatadogOptions, environment: NodeJS.ProcessEnv): string {
  const fromEnv = text(environment.DD_TRACE_AGENT_URL);
  if (options.agentUrl !== undefined && /^https?:\/\//i.test(options.agentUrl)) return options.agentUrl;
  if (fromEnv !== undefined && /^https?:\/\//i.test(fromEnv)) return fromEnv;
  const host = text(environment.DD_AGENT_HOST) ?? '127.0.0.1';
  const port = text(environment.DD_TRACE_AGENT_PORT) ?? '8126';
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
