import type { ExportedScore } from '@aitracing/core';
import { toAttributeValue } from './internal/attribute-values';
import type { OtlpAttributes } from './otlp-span';

/** The GenAI evaluation event a score becomes (`gen_ai.evaluation.result`). */
export const EVALUATION_RESULT_EVENT = 'gen_ai.evaluation.result';

/** What a score maps to: the evaluation event's attributes and its carrier span's. */
export interface EvaluationResultMapping {
  /** The carrier span's name: `evaluation {score name}` */
  readonly name: string;
  /** Attributes of the `gen_ai.evaluation.result` event */
  readonly eventAttributes: OtlpAttributes;
  /** Attributes of the carrier span: the event's, plus `aitracing.score.*`, user, session and metadata */
  readonly spanAttributes: OtlpAttributes;
}

/**
 * Map a score to the GenAI evaluation conventions: `gen_ai.evaluation.name`
 * = its name; a number as `gen_ai.evaluation.score.value`; a boolean as
 * `score.value` 1/0 and `score.label` `true`/`false`; a category as
 * `gen_ai.evaluation.score.label`; the comment as
 * `gen_ai.evaluation.explanation`. The carrier span adds `aitracing.score.id`,
 * `.source`, `.data_type`, `user.id`, `session.id`, `aitracing.environment`
 * and metadata as `aitracing.metadata.*`. Pure; never throws.
 */
export function mapEvaluationResult(score: ExportedScore): EvaluationResultMapping {
  const event: OtlpAttributes = { 'gen_ai.evaluation.name': score.name };
  const value = score.value;
  if (typeof value === 'number') event['gen_ai.evaluation.score.value'] = value;
  else if (typeof value === 'boolean') {
    event['gen_ai.evaluation.score.value'] = value ? 1 : 0;
    event['gen_ai.evaluation.score.label'] = String(value);
  } else event['gen_ai.evaluation.score.label'] = String(value);
  if (score.comment !== undefined) event['gen_ai.evaluation.explanation'] = score.comment;
  const span: OtlpAttributes = { ...event, 'aitracing.span.type': 'score', 'aitracing.score.id': score.id };
  if (score.source !== undefined) span['aitracing.score.source'] = score.source;
  if (score.dataType !== undefined) span['aitracing.score.data_type'] = score.dataType;
  if (score.userId !== undefined) span['user.id'] = score.userId;
  if (score.sessionId !== undefined) span['session.id'] = score.sessionId;
  if (score.environment !== undefined) span['aitracing.environment'] = score.environment;
  for (const [key, item] of Object.entries(score.metadata ?? {})) {
    const converted = toAttributeValue(item);
    if (converted !== undefined) span[`aitracing.metadata.${key}`] = converted;
  }
  return { name: `evaluation ${score.name}`, eventAttributes: event, spanAttributes: span };
}

/**
 * A span id for a score's carrier span, derived from the score's id so that
 * the same score always makes the same span (a backend that deduplicates by
 * span id keeps one): the id's last 16 hex characters when it is 32 hex
 * characters (core's default), else a 64-bit FNV-1a hash of it.
 */
export function scoreSpanId(scoreId: string): string {
  if (/^[0-9a-f]{32}$/.test(scoreId) && !/^0{16}$/.test(scoreId.slice(16))) return scoreId.slice(16);
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < scoreId.length; index++) {
    hash ^= BigInt(scoreId.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return (hash === 0n ? 1n : hash).toString(16).padStart(16, '0');
}
