// Bundled for the browser (esbuild, condition `browser`) and loaded by a page on another origin than the receiver.
import { createObservability, reportFlushed, runAgentTrace } from './agent-trace.ts';

declare global {
  interface Window {
    aitracingResult?: { readonly traceId: string } | { readonly error: string };
  }
}

const receiverUrl = new URL(location.href).searchParams.get('receiver') as string;
try {
  const observability = createObservability(receiverUrl, 'browser-app');
  const run = await runAgentTrace(observability, 'explicit');
  await observability.flush();
  await reportFlushed(receiverUrl, run, 'browser');
  window.aitracingResult = { traceId: run.traceId };
} catch (error) {
  window.aitracingResult = { error: String(error) };
}
