import type { ExportedAISpan } from '@aitracing/core';
import { readTraceRecords, TraceDirectoryReader } from '@aitracing/exporter-file/store';
import { TraceEntry, type TraceSummary } from './internal/trace-summary';

/** Filters of the trace list; every field is optional. */
export interface TraceQuery {
  /** Case-insensitive text in a span name, the trace id, user, session, model or service */
  readonly search?: string;
  /** Only traces with a failed span */
  readonly errorsOnly?: boolean;
  /** Only traces with a generation of this model */
  readonly model?: string;
  readonly minCost?: number;
  readonly minDurationMs?: number;
  /** Rows to skip (newest first) */
  readonly offset?: number;
  /** Rows at most @defaultValue `100` */
  readonly limit?: number;
}

/** One page of the trace list. */
export interface TracePage {
  /** Traces matching the query */
  readonly total: number;
  /** Traces in the directory */
  readonly traceCount: number;
  readonly traces: TraceSummary[];
  /** Every model seen, for the filter */
  readonly models: string[];
  /** Bumped whenever the directory changed */
  readonly version: number;
}

/** A span with the service that recorded it. */
export type ViewerSpan = ExportedAISpan & { readonly service: string };

/**
 * The traces of a directory, kept up to date by `refresh()`: one summary per
 * trace (totals, status, where its lines are) so the list never re-reads the
 * files; a trace's spans are read from disk when it is opened.
 */
export class TraceIndex {
  readonly #reader: TraceDirectoryReader;
  #traces = new Map<string, TraceEntry>();
  #sorted: TraceEntry[] | undefined;
  #version = 0;
  #skippedLines = 0;

  constructor(directory: string) {
    this.#reader = new TraceDirectoryReader(directory);
  }

  /** The directory read. */
  get directory(): string {
    return this.#reader.directory;
  }

  /** Bumped at every change. */
  get version(): number {
    return this.#version;
  }

  /** Lines skipped so far (cut short by a crash, or not records). */
  get skippedLines(): number {
    return this.#skippedLines;
  }

  /** Read what is new; resolves true when anything changed. */
  async refresh(): Promise<boolean> {
    const changes = await this.#reader.read();
    if (changes.reset) {
      this.#traces = new Map();
      this.#skippedLines = 0;
    }
    this.#skippedLines += changes.skippedLines;
    for (const { record, location } of changes.records) {
      let entry = this.#traces.get(record.span.traceId);
      if (entry === undefined) {
        entry = new TraceEntry(record.span.traceId);
        this.#traces.set(record.span.traceId, entry);
      }
      entry.add(record, location);
    }
    const changed = changes.reset || changes.records.length > 0;
    if (changed) {
      this.#sorted = undefined;
      this.#version++;
    }
    return changed;
  }

  /** One page of the list, newest first. */
  query(query: TraceQuery = {}): TracePage {
    this.#sorted ??= [...this.#traces.values()].sort((a, b) => b.startTime - a.startTime);
    const search = query.search?.trim().toLowerCase() ?? '';
    const offset = Math.max(0, query.offset ?? 0);
    const limit = Math.min(1_000, Math.max(1, query.limit ?? 100));
    const traces: TraceSummary[] = [];
    const models = new Set<string>();
    let total = 0;
    for (const entry of this.#sorted) {
      for (const model of entry.models) models.add(model);
      if (query.errorsOnly === true && entry.errorCount === 0) continue;
      if (query.model !== undefined && query.model !== '' && !entry.models.has(query.model)) continue;
      if (query.minCost !== undefined && entry.cost < query.minCost) continue;
      if (query.minDurationMs !== undefined && entry.endTime - entry.startTime < query.minDurationMs)
        continue;
      if (search !== '' && !entry.searchText.includes(search)) continue;
      if (total >= offset && traces.length < limit) traces.push(entry.summary());
      total++;
    }
    return {
      total,
      traceCount: this.#traces.size,
      traces,
      models: [...models].sort(),
      version: this.#version,
    };
  }

  /** The summary and spans of one trace, or undefined when it is not (or no longer) in the directory. */
  async trace(traceId: string): Promise<{ summary: TraceSummary; spans: ViewerSpan[] } | undefined> {
    const entry = this.#traces.get(traceId);
    if (entry === undefined) return undefined;
    const records = await readTraceRecords(this.directory, entry.locations);
    return {
      summary: entry.summary(),
      spans: records.map(({ span, service }) => ({ ...span, service })),
    };
  }
}
