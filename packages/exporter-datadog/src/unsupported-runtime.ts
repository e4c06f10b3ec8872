// The entry of Workers, Vercel Edge and browser bundles (package.json `workerd`,
// `edge-light`, `browser` conditions): dd-trace needs Node, so the exporter
// fails at construction with one message that says what to use instead.
import { AITracingConfigError } from '@aitracing/core';

export { DATADOG_EXPORTER_ENV } from './datadog-exporter-options';
export { mapLLMObsEvaluation, ROOT_TRACE_TAG } from './llmobs-evaluation-mapping';
export { LLMOBS_SPAN_KINDS } from './llmobs-mapping';

/** Message of the error `new DatadogExporter()` throws outside Node. */
const NEEDS_NODE =
  'needs Node.js (it runs on dd-trace); on Cloudflare Workers, Vercel Edge and in browsers send to Datadog ' +
  "with @aitracing/exporter-otel: new OtelExporter({ preset: { provider: 'datadog' } })";

/** Outside Node: throws `AITracingConfigError` at construction, naming the Node requirement and the alternative. */
export class DatadogExporter {
  readonly name = 'datadog';

  constructor() {
    throw new AITracingConfigError('runtime', NEEDS_NODE);
  }
}

/** Outside Node there is no dd-trace to read: throws `AITracingConfigError` at construction, as the exporter does. */
export class DatadogTraceBridge {
  readonly name = 'datadog';

  constructor() {
    throw new AITracingConfigError('runtime', NEEDS_NODE);
  }
}
