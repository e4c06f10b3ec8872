import type { TraceRecord, TraceRecordLocation } from '@aitracing/exporter-file/store';

/** What the trace list shows of one trace. */
export interface TraceSummary {
  readonly traceId: string;
  /** The root span's name; the first span's until the root has ended */
  readonly name: string;
  readonly service: string;
  /** Epoch milliseconds */
  readonly startTime: number;
  readonly durationMs: number;
  /** `error` when any span failed; `running` while the root has not ended */
  readonly status: 'ok' | 'error' | 'running';
  readonly spanCount: number;
  readonly errorCount: number;
  readonly tokens: number;
  readonly cost: number;
  readonly currency: string;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly models: readonly string[];
}

/** One trace as the index keeps it: running totals and where its lines are. */
export class TraceEntry {
  readonly traceId: string;
  readonly locations: TraceRecordLocation[] = [];
  name = '';
  service = '';
  startTime = Number.POSITIVE_INFINITY;
  endTime = Number.NEGATIVE_INFINITY;
  hasRoot = false;
  errorCount = 0;
  tokens = 0;
  cost = 0;
  currency = '';
  userId: string | undefined;
  sessionId: string | undefined;
  readonly models = new Set<string>();
  /** Lower-case text the search matches: names, ids, user, session, models */
  searchText = '';

  constructor(traceId: string) {
    this.traceId = traceId;
    this.searchText = traceId;
  }

  /** Fold one span into the totals. */
  add(record: TraceRecord, location: TraceRecordLocation): void {
    const { span } = record;
    this.locations.push(location);
    this.startTime = Math.min(this.startTime, span.startTime);
    this.endTime = Math.max(this.endTime, span.endTime ?? span.startTime);
    if (span.errorInfo !== undefined) this.errorCount++;
    const metadata = span.metadata ?? {};
    const userId = textOf(metadata.userId);
    const sessionId = textOf(metadata.sessionId);
    if (span.isRootSpan || this.name === '') {
      this.name = span.name;
      this.service = record.service;
    }
    if (span.isRootSpan) {
      this.hasRoot = true;
      if (userId !== undefined) this.userId = userId;
      if (sessionId !== undefined) this.sessionId = sessionId;
    } else {
      this.userId ??= userId;
      this.sessionId ??= sessionId;
    }
    const attributes = (span.attributes ?? {}) as Record<string, unknown>;
    if (span.type === 'llm_generation') {
      const usage = attributes.usage as Record<string, unknown> | undefined;
      if (usage !== undefined) {
        const total = numberOf(usage.totalTokens);
        this.tokens += total ?? (numberOf(usage.promptTokens) ?? 0) + (numberOf(usage.completionTokens) ?? 0);
      }
      const cost = attributes.cost as Record<string, unknown> | undefined;
      const amount = numberOf(cost?.total);
      if (amount !== undefined) {
        this.cost += amount;
        if (typeof cost?.currency === 'string') this.currency = cost.currency;
      }
      const model = textOf(attributes.model);
      if (model !== undefined) this.models.add(model);
    }
    const words = [span.name, userId, sessionId, textOf(attributes.model), record.service];
    for (const word of words) {
      if (word !== undefined && word !== '' && !this.searchText.includes(word.toLowerCase()))
        this.searchText += `\n${word.toLowerCase()}`;
    }
  }

  /** The list row. */
  summary(): TraceSummary {
    return {
      traceId: this.traceId,
      name: this.name,
      service: this.service,
      startTime: this.startTime,
      durationMs: Math.max(0, this.endTime - this.startTime),
      status: this.errorCount > 0 ? 'error' : this.hasRoot ? 'ok' : 'running',
      spanCount: this.locations.length,
      errorCount: this.errorCount,
      tokens: this.tokens,
      cost: this.cost,
      currency: this.currency,
      ...(this.userId === undefined ? {} : { userId: this.userId }),
      ...(this.sessionId === undefined ? {} : { sessionId: this.sessionId }),
      models: [...this.models],
    };
  }
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
