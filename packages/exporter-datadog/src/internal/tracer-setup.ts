import { createRequire } from 'node:module';
import type { AITracingLogger } from '@aitracing/core';
import { describeError, type LogOnce, safeLog } from '@aitracing/core/exporter-kit';
import type { DdTracer, DdTracerConfig } from './dd-trace-api';
import type { ResolvedDatadogOptions } from './resolve-options';

/** The dd-trace objects an exporter works with once set up. */
export interface DatadogRuntime {
  readonly tracer: DdTracer;
  /** Whether LLM Observability span events are sent (modes `llmobs`, `both`) */
  readonly llmobs: boolean;
  /** Whether APM spans are sent (modes `apm`, `both`) */
  readonly keepApm: boolean;
  /** True when the application had initialised dd-trace already */
  readonly reused: boolean;
  /** The configuration dd-trace resolved, when this dd-trace exposes it */
  readonly config: DdTracerConfig | undefined;
}

/** `require('dd-trace')`, resolved from this package (works from the ESM and CommonJS builds). */
export function loadDdTrace(): DdTracer {
  const require = createRequire(import.meta.url);
  return require('dd-trace') as DdTracer;
}

/**
 * Reuse the application's dd-trace tracer if it is initialised; otherwise
 * initialise it with auto-instrumentation off (`plugins: false`) and the
 * exporter's options. dd-trace's LLM Observability SDK is not used (the
 * exporter delivers span events itself); dd-trace supplies the application's
 * configuration (the exporter delivers APM spans itself too). Returns
 * `undefined` (after logging why) when dd-trace is missing or fails to
 * initialise. Never throws.
 */
export function setUpTracer(
  options: ResolvedDatadogOptions,
  serviceName: string | undefined,
  logger: AITracingLogger,
  log: LogOnce,
): DatadogRuntime | undefined {
  let tracer: DdTracer;
  try {
    tracer = (options.tracer as DdTracer | undefined) ?? loadDdTrace();
  } catch (error) {
    log.error(
      'load',
      'dd-trace could not be loaded (npm install dd-trace); the Datadog exporter is disabled: %s',
      describeError(error),
    );
    return undefined;
  }
  if (typeof tracer?.init !== 'function' || typeof tracer.startSpan !== 'function') {
    log.error('shape', 'the dd-trace module has no init/startSpan; the Datadog exporter is disabled');
    return undefined;
  }

  const reused = tracer._initialized === true;
  try {
    if (reused) {
      safeLog(logger, 'info', 'Datadog exporter: reusing the dd-trace tracer the application initialised');
      const ignored = (['env', 'version', 'site', 'agentUrl', 'apiKey'] as const).filter(
        (field) => options[field] !== undefined,
      );
      if (ignored.length > 0) {
        log.warn(
          'reuse-ignored',
          'Datadog exporter: dd-trace was already initialised, so these options do not apply: %s',
          ignored.join(', '),
        );
      }
    } else {
      // dd-trace reads the API key from the environment only.
      if (options.apiKey !== undefined && !process.env.DD_API_KEY) process.env.DD_API_KEY = options.apiKey;
      tracer.init(initOptions(options, serviceName, logger));
    }
  } catch (error) {
    log.error(
      'init',
      'dd-trace failed to initialise; the Datadog exporter is disabled: %s',
      describeError(error),
    );
    return undefined;
  }

  let config: DdTracerConfig | undefined;
  try {
    config = tracer._tracer?._config;
  } catch {
    config = undefined;
  }
  return { tracer, llmobs: options.mode !== 'apm', keepApm: options.mode !== 'llmobs', reused, config };
}

function initOptions(
  options: ResolvedDatadogOptions,
  serviceName: string | undefined,
  logger: AITracingLogger,
): Record<string, unknown> {
  const init: Record<string, unknown> = {
    // Never auto-instrument the application (http, databases, ...): we only send our own spans.
    plugins: false,
    logger: ddTraceLogger(logger),
  };
  // dd-trace 6 prints its configuration at start by default; leave that to those who ask for it.
  if (process.env.DD_TRACE_STARTUP_LOGS === undefined) init.startupLogs = false;
  const service = options.service ?? (options.serviceFromEnv ? undefined : serviceName);
  if (service !== undefined) init.service = service;
  if (options.env !== undefined) init.env = options.env;
  if (options.version !== undefined) init.version = options.version;
  if (options.site !== undefined) init.site = options.site;
  if (options.agentUrl !== undefined) init.url = options.agentUrl;
  return init;
}

/** dd-trace's own diagnostics go to the aitracing logger, never to the console. */
function ddTraceLogger(logger: AITracingLogger): Record<keyof AITracingLogger, (message: unknown) => void> {
  const forward = (level: keyof AITracingLogger) => (message: unknown) => {
    safeLog(logger, level, 'dd-trace: %s', [message instanceof Error ? message.message : String(message)]);
  };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
