import { type AITracingExporter, Observability } from '@aitracing/core';
import { ConsoleExporter, type ConsoleExporterStream } from '@aitracing/exporter-console';
import { DatadogExporter } from '@aitracing/exporter-datadog';
import { FileExporter } from '@aitracing/exporter-file';
import { LangfuseExporter } from '@aitracing/exporter-langfuse';
import { OtelExporter } from '@aitracing/exporter-otel';

/** Service name used when neither `AITRACING_SERVICE_NAME` nor `OTEL_SERVICE_NAME` is set. */
export const DEMO_SERVICE_NAME = 'demo-support-app';

/**
 * The backends the environment asks for: the console and the trace files for
 * `pnpm traces` (`AITRACING_FILE_DIR`, default `.aitracing/traces`) always, plus OTLP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set,
 * plus Langfuse when `LANGFUSE_PUBLIC_KEY` is set, plus Datadog (through
 * dd-trace) when `DD_LLMOBS_ML_APP` or `AITRACING_DATADOG_MODE` is set.
 */
export function exportersFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  consoleStream?: ConsoleExporterStream,
): AITracingExporter[] {
  const exporters: AITracingExporter[] = [
    new ConsoleExporter(consoleStream ? { stream: consoleStream } : {}),
    new FileExporter(env.AITRACING_FILE_DIR ? { directory: env.AITRACING_FILE_DIR } : {}),
  ];
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (otlpEndpoint) exporters.push(new OtelExporter({ endpoint: otlpEndpoint }));
  if (env.LANGFUSE_PUBLIC_KEY) {
    exporters.push(
      new LangfuseExporter({
        publicKey: env.LANGFUSE_PUBLIC_KEY,
        secretKey: env.LANGFUSE_SECRET_KEY,
        baseUrl: env.LANGFUSE_BASE_URL,
      }),
    );
  }
  // DatadogExporter reads the standard DD_* variables (agent address, service, env, mode) itself.
  if (env.DD_LLMOBS_ML_APP || env.AITRACING_DATADOG_MODE) exporters.push(new DatadogExporter());
  return exporters;
}

/**
 * The one place the demo configures tracing, from the environment, the way an
 * app would — one `Observability` config object:
 *
 * - `AITRACING_SERVICE_NAME` / `OTEL_SERVICE_NAME`: the service name;
 * - `AITRACING_ENABLED`, `AITRACING_SAMPLE_RATE`, `AITRACING_LOG_LEVEL`: read by core;
 * - `AITRACING_CONSOLE_*`, `NO_COLOR`, `FORCE_COLOR`: read by the console exporter;
 * - `OTEL_EXPORTER_OTLP_*`: add the OTLP exporter;
 * - `LANGFUSE_PUBLIC_KEY`, `LANGFUSE_SECRET_KEY`, `LANGFUSE_BASE_URL`: add the Langfuse exporter;
 * - `DD_LLMOBS_ML_APP` / `AITRACING_DATADOG_MODE` with `DD_AGENT_HOST`, `DD_TRACE_AGENT_PORT`, `DD_SERVICE`,
 *   `DD_ENV`: add the Datadog exporter.
 */
export function createObservability(
  env: NodeJS.ProcessEnv = process.env,
  consoleStream?: ConsoleExporterStream,
): Observability {
  return new Observability({
    configs: {
      demo: {
        serviceName: env.AITRACING_SERVICE_NAME ?? env.OTEL_SERVICE_NAME ?? DEMO_SERVICE_NAME,
        exporters: exportersFromEnv(env, consoleStream),
      },
    },
  });
}
