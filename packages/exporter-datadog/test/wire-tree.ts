import type { AgentApmSpan, AgentLLMObsSpan } from './fake-datadog-agent';

/** `[name, parent name]` of every LLM Observability span, parents resolved through dd-trace's ids. */
export function llmobsTree(spans: readonly AgentLLMObsSpan[]): Array<[string, string | undefined]> {
  const byId = new Map(spans.map((span) => [span.span_id, span]));
  return spans.map((span) => [
    span.name,
    span.parent_id === 'undefined' ? undefined : (byId.get(span.parent_id)?.name ?? `?${span.parent_id}`),
  ]);
}

/** `[resource, parent resource]` of every APM span, parents resolved through dd-trace's ids. */
export function apmTree(spans: readonly AgentApmSpan[]): Array<[string, string | undefined]> {
  const byId = new Map(spans.map((span) => [span.span_id, span]));
  return spans.map((span) => [
    span.resource,
    span.parent_id === 0n ? undefined : (byId.get(span.parent_id)?.resource ?? `?${span.parent_id}`),
  ]);
}

/** The value of tag `key` in a `key:value` list. */
export function tagOf(tags: readonly string[], key: string): string | undefined {
  const tag = tags.find((item) => item.startsWith(`${key}:`));
  return tag?.slice(key.length + 1);
}

/** Sort `[name, parent]` pairs for order-independent comparison. */
export function sorted(pairs: ReadonlyArray<readonly [string, string | undefined]>): Array<[string, string]> {
  return pairs
    .map(([name, parent]): [string, string] => [name, parent ?? '<root>'])
    .sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
}
