import { AITracingConfigError } from '../errors/config-error';
import { readEnvironmentVariable } from '../internal/environment';
import { readBooleanEnv } from '../internal/invalid-env-warning';
import type { AITracingLogger } from '../types/logger';

/** Environment variable that turns the flush at exit off (`false` / `0`) or on (`true` / `1`). */
export const FLUSH_ON_EXIT_ENV = 'AITRACING_FLUSH_ON_EXIT';

/** Longest the flush at exit keeps a process alive that would otherwise end. */
export const EXIT_FLUSH_TIMEOUT_MS = 10_000;

type ExitFlush = () => void;

// One `beforeExit` listener per copy of this module, shared by every instance
// with spans to flush: many instances never add many listeners (and never
// trip Node's max-listeners warning).
const armed = new Set<ExitFlush>();
let listening = false;

function processEvents(): NodeJS.Process | undefined {
  // Edge runtimes and browsers have no `process`, or one without events.
  if (typeof process === 'undefined' || process === null) return undefined;
  return typeof process.on === 'function' && typeof process.removeListener === 'function'
    ? process
    : undefined;
}

function onBeforeExit(): void {
  // Disarm first: flushing schedules work, the loop empties again and
  // `beforeExit` fires again; an instance flushes again only if new spans
  // re-armed it, so this ends.
  const flushes = [...armed];
  armed.clear();
  stopListening();
  for (const flush of flushes) flush();
}

function stopListening(): void {
  if (!listening) return;
  listening = false;
  processEvents()?.removeListener('beforeExit', onBeforeExit);
}

/**
 * Call `flush` (once) the next time the event loop empties. Adding it twice is
 * harmless. `beforeExit` only fires when nothing else keeps the loop alive,
 * so this never keeps a process alive by itself. No-op without `process`.
 */
export function armExitFlush(flush: ExitFlush): void {
  const target = processEvents();
  if (target === undefined) return;
  armed.add(flush);
  if (listening) return;
  listening = true;
  target.on('beforeExit', onBeforeExit);
}

/** Forget `flush` (at shutdown); the listener goes when nothing is armed. */
export function disarmExitFlush(flush: ExitFlush): void {
  armed.delete(flush);
  if (armed.size === 0) stopListening();
}

/**
 * Whether an instance flushes when the event loop empties: the option when
 * given (a non-boolean throws `AITracingConfigError`), else
 * `AITRACING_FLUSH_ON_EXIT`, else on wherever `process` has events (Node,
 * Bun, Deno). An invalid environment value warns once per process and falls
 * back to the default.
 */
export function resolveFlushOnExit(option: unknown, logger: AITracingLogger): boolean {
  if (option !== undefined) {
    if (typeof option !== 'boolean') throw new AITracingConfigError('flushOnExit', 'must be a boolean');
    return option;
  }
  const fallback = processEvents() !== undefined;
  return (
    readBooleanEnv(
      logger,
      FLUSH_ON_EXIT_ENV,
      readEnvironmentVariable(FLUSH_ON_EXIT_ENV),
      `the default (flush at exit ${fallback ? 'on' : 'off'})`,
    ) ?? fallback
  );
}
