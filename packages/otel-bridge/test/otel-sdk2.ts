import { createRequire } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { COLLECTOR_PATH, type FinishedOtelSpan, type OtelHarness } from './otel-harness';

/** OpenTelemetry SDK 2 (Node 20+), set up as an app does with `NodeTracerProvider.register()`. */
export async function startSdk2(): Promise<OtelHarness> {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  const instrumentation = new HttpInstrumentation({
    ignoreIncomingRequestHook: (request) => request.url?.startsWith(COLLECTOR_PATH) ?? false,
  });
  instrumentation.setTracerProvider(provider);
  instrumentation.enable();
  // Required after enable(): the instrumentation patches `http` as it is required.
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
