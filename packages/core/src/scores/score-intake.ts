import type { EventDispatcher } from '../export/event-dispatcher';
import { describeError, type LogOnce } from '../exporter-kit/log-once';
import type { SerializationLimits } from '../serialization/serialization-options';
import type { DefaultAISpan } from '../spans/default-ai-span';
import { AITracingEventType } from '../types/exporter';
import type { KeyRedactor } from '../types/key-redactor';
import type { ScoreInput, SpanScoreInput } from '../types/score';
import type { AISpanType } from '../types/span-type';
import { toExportedScore } from './exported-score';

/**
 * Where an instance's scores come in: checked, redacted, serialised within
 * limits and queued to the exporters that take `score_added` events, through
 * the same bounded dispatcher as spans. Scores are never sampled. Invalid
 * ones are counted and warned about once; nothing here throws.
 */
export class ScoreIntake {
  readonly #dispatcher: EventDispatcher;
  readonly #redactor: KeyRedactor | undefined;
  readonly #limits: SerializationLimits;
  readonly #log: LogOnce;
  #invalid = 0;

  constructor(
    dispatcher: EventDispatcher,
    redactor: KeyRedactor | undefined,
    limits: SerializationLimits,
    log: LogOnce,
  ) {
    this.#dispatcher = dispatcher;
    this.#redactor = redactor;
    this.#limits = limits;
    this.#log = log;
  }

  /** Scores dropped as invalid so far. */
  get invalid(): number {
    return this.#invalid;
  }

  /** Queue `input`; true when a score was queued. */
  add(input: ScoreInput): boolean {
    try {
      const score = toExportedScore(input, this.#limits, this.#redactor);
      if ('invalid' in score) {
        this.#invalid++;
        this.#log.warn(
          'invalid-score',
          `score dropped: ${score.invalid} (further invalid scores are counted, not logged)`,
        );
        return false;
      }
      if (!this.#dispatcher.wants(AITracingEventType.SCORE_ADDED)) return false;
      this.#dispatcher.enqueueScore(score);
      return true;
    } catch (error) {
      this.#invalid++;
      this.#log.warn('invalid-score', 'score dropped: it could not be read:', describeError(error));
      return false;
    }
  }
}

/** A span's score: its ids, and its user, session and environment unless the input names them. */
export function scoreOfSpan(span: DefaultAISpan<AISpanType>, input: SpanScoreInput): ScoreInput {
  if (typeof input !== 'object' || input === null) return input as unknown as ScoreInput;
  const context = span.context;
  const score: ScoreInput = Object.assign({}, input, { traceId: span.traceId, spanId: span.id });
  if (score.userId === undefined && context?.userId !== undefined) score.userId = context.userId;
  if (score.sessionId === undefined && context?.sessionId !== undefined) score.sessionId = context.sessionId;
  if (score.environment === undefined && context?.environment !== undefined)
    score.environment = context.environment;
  return score;
}
