import type { OtlpInstrumentationScope, OtlpResource, OtlpSpan } from '../otlp-span';

/** Spans by resource, then by scope, in order of first appearance (as OpenTelemetry groups them). */
export type GroupedSpans = Map<OtlpResource, Map<OtlpInstrumentationScope, OtlpSpan[]>>;

/** Group a batch by resource and scope object identity; one pass, batches of one resource and scope stay cheap. */
export function groupSpans(spans: readonly OtlpSpan[]): GroupedSpans {
  const groups: GroupedSpans = new Map();
  let lastResource: OtlpResource | undefined;
  let lastScope: OtlpInstrumentationScope | undefined;
  let lastList: OtlpSpan[] | undefined;
  for (const span of spans) {
    if (span.resource === lastResource && span.scope === lastScope && lastList !== undefined) {
      lastList.push(span);
      continue;
    }
    let scopes = groups.get(span.resource);
    if (scopes === undefined) {
      scopes = new Map();
      groups.set(span.resource, scopes);
    }
    let list = scopes.get(span.scope);
    if (list === undefined) {
      list = [];
      scopes.set(span.scope, list);
    }
    list.push(span);
    lastResource = span.resource;
    lastScope = span.scope;
    lastList = list;
  }
  return groups;
}
