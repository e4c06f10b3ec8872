/**
 * One tracing library set up one way (e.g. "OpenTelemetry, Simple span
 * processor"), able to record the workloads of every scenario. Each records
 * to an in-memory (or no-op) exporter, so only the library's own cost is
 * measured.
 */
export interface TracerContender {
  /** Name shown in the table and the JSON file. */
  readonly name: string;
  /** `ours` for aitracing, `anchor` for what users would pick instead. */
  readonly role: 'ours' | 'anchor';
  /** One standard trace (see `trace-shape.ts`), every span ended. */
  trace(): void;
  /** One root span started with `input` and ended with `output`. */
  largeSpan(input: unknown, output: unknown): void;
  /**
   * Starts a span (a child of one live root the contender holds) and leaves
   * it open; returns it so the caller keeps it alive.
   */
  startOpenSpan(): unknown;
  /**
   * Waits until every span ended so far has reached the exporter, empties
   * the exporter and returns how many spans it had received.
   */
  drain(): Promise<number>;
  /** Releases the contender's resources. */
  shutdown(): Promise<void>;
}

/** A contender that could not be loaded or run on this machine, and why. */
export interface UnavailableContender {
  readonly name: string;
  readonly role: 'anchor';
  readonly unavailable: string;
}

/** What a contender factory returns. */
export type MaybeContender = TracerContender | UnavailableContender;

/** Whether the contender can run. */
export function isAvailable(contender: MaybeContender): contender is TracerContender {
  return !('unavailable' in contender);
}

/** The message of a caught error, for an "unavailable" reason. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}
