import { createRequire } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { COLLECTOR_PATH, type FinishedOtelSpan, type OtelHarness } from './otel-harness';

/**
 * OpenTelemetry SDK 3 (Node >= 22.15), registered as its docs show: a
 * `TracerProvider` from `@opentelemetry/sdk-trace`, the async-hooks context
 * manager and the W3C propagator. Imported lazily: SDK 3 does not load on Node 20.
 */
export async function startSdk3(): Promise<OtelHarness> {
  const { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } = await import(
    '@opentelemetry/sdk-trace-v3'
  );
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks-v3');
  const { W3CTraceContextPropagator } = await import('@opentelemetry/core-v3');
  const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http-v3');
  const exporter = new InMemorySpanExporter();
  // SDK 3 processors take an options object.
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const instrumentation = new HttpInstrumentation({
    ignoreIncomingRequestHook: (request) => request.url?.startsWith(COLLECTOR_PATH) ?? false,
  });
  instrumentation.setTracerProvider(provider);
  instrumentation.enable();
  const http = createRequire(import.meta.url)('node:http');
  return {
    http,
    finishedSpans: () => exporter.getFinishedSpans() as unknown as FinishedOtelSpan[],
    reset: () => exporter.reset(),
    async shutdown() {
      instrumentation.disable();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
