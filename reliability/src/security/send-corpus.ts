import { AISpanType, type DefaultAITracing } from '@aitracing/core';
import type { CorpusCase } from './corpus-case';
import { probeFound } from './corpus-case';

/** Spans each case produces: an agent run and its tool call. */
export const SPANS_PER_CASE = 2;

/** Record one trace per case, with the value at the case's placement. */
export function sendCorpus(tracing: DefaultAITracing, cases: readonly CorpusCase[]): void {
  for (const item of cases) {
    const value = item.value;
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: `corpus-${item.id}`,
      ...(item.placement === 'input' ? { input: value } : {}),
      ...(item.placement === 'metadata' ? { metadata: { detail: value } } : {}),
    });
    const tool = root.createChildSpan({
      type: AISpanType.TOOL_CALL,
      name: `tool-${item.id}`,
      ...(item.placement === 'toolArgs' ? { input: value } : {}),
      ...(item.placement === 'attributes' ? { attributes: { toolDescription: String(value) } } : {}),
    });
    if (item.placement === 'errorMessage') tool.error({ error: new Error(String(value)) });
    else tool.end(item.placement === 'toolResult' ? { output: value } : {});
    root.end(item.placement === 'output' ? { output: value } : {});
  }
}

/** What one backend received of the corpus. */
export interface CorpusScore {
  readonly backend: string;
  /** Secrets still present on the wire */
  readonly leaked: readonly CorpusCase[];
  /** Look-alikes that reach this backend unfiltered but were missing or altered */
  readonly altered: readonly CorpusCase[];
  /** Secrets this backend carries when nothing is filtered (the rest never reach it) */
  readonly secrets: number;
  /** Look-alikes this backend carries when nothing is filtered */
  readonly lookAlikes: number;
}

/**
 * Score a backend's payload against the same corpus sent with no filter at
 * all (`unfiltered`): a case counts only where the backend carries that
 * placement (Datadog APM keeps only primitive metadata, for instance). A
 * secret leaks when its distinctive part is on the wire; a look-alike is
 * altered when it is not there unchanged.
 */
export function scorePayload(
  backend: string,
  payload: string,
  unfiltered: string,
  cases: readonly CorpusCase[],
): CorpusScore {
  const leaked: CorpusCase[] = [];
  const altered: CorpusCase[] = [];
  let secrets = 0;
  let lookAlikes = 0;
  for (const item of cases) {
    if (!probeFound(unfiltered, item.probe)) continue;
    const found = probeFound(payload, item.probe);
    if (item.kind === 'secret') {
      secrets++;
      if (found) leaked.push(item);
    } else {
      lookAlikes++;
      if (!found) altered.push(item);
    }
  }
  return { backend, leaked, altered, secrets, lookAlikes };
}

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;

/** A Markdown table of scores per backend. */
export function renderScores(scores: readonly CorpusScore[]): string {
  const rows = scores.map(
    (score) =>
      `| ${score.backend} | ${score.secrets - score.leaked.length} / ${score.secrets} (${percent(score.secrets - score.leaked.length, score.secrets)}) | ${score.altered.length} / ${score.lookAlikes} (${percent(score.altered.length, score.lookAlikes)}) |`,
  );
  return ['| Backend | Secrets gone | Look-alikes altered |', '| --- | --- | --- |', ...rows].join('\n');
}

/** A Markdown table of the shapes some backend did not handle: per backend, cases failed of that shape. */
export function renderFailures(scores: readonly CorpusScore[]): string {
  const failures = new Map<string, Map<string, number>>();
  for (const score of scores) {
    for (const item of [...score.leaked, ...score.altered]) {
      const label = `${item.kind === 'secret' ? 'secret' : 'look-alike'}: ${item.shape}`;
      const perBackend = failures.get(label) ?? new Map<string, number>();
      perBackend.set(score.backend, (perBackend.get(score.backend) ?? 0) + 1);
      failures.set(label, perBackend);
    }
  }
  if (failures.size === 0) return 'Every case passes on every backend.';
  const header = `| Shape | ${scores.map((score) => score.backend).join(' | ')} |`;
  const rule = `| --- | ${scores.map(() => '---').join(' | ')} |`;
  const rows = [...failures].map(
    ([label, perBackend]) =>
      `| ${label} | ${scores.map((score) => String(perBackend.get(score.backend) ?? '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
