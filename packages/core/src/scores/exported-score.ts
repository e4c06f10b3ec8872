import { generateTraceId } from '../ids/id-generator';
import { sanitizeContextValue } from '../internal/span-context';
import { safeSerialize } from '../serialization/safe-serialize';
import type { SerializationLimits } from '../serialization/serialization-options';
import type { KeyRedactor } from '../types/key-redactor';
import type { ExportedScore, ScoreDataType, ScoreInput } from '../types/score';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const MAX_NAME_LENGTH = 200;
const MAX_CATEGORY_LENGTH = 1_000;
const DATA_TYPES: readonly ScoreDataType[] = ['numeric', 'boolean', 'categorical'];

/** A score that cannot be delivered, and why. */
export interface InvalidScore {
  readonly invalid: string;
}

type MutableScore = { -readonly [Key in keyof ExportedScore]: ExportedScore[Key] };

/**
 * Check `input` and build the score exporters receive: defaults filled, ids
 * checked, `comment` and `metadata` redacted and serialised within `limits`,
 * frozen. Returns why when the score is invalid; never throws on a plain
 * object (the caller guards against hostile getters).
 */
export function toExportedScore(
  input: ScoreInput,
  limits: SerializationLimits,
  redactor: KeyRedactor | undefined,
): ExportedScore | InvalidScore {
  if (typeof input !== 'object' || input === null) return { invalid: 'the score must be an object' };
  const { traceId, spanId, value } = input;
  if (typeof traceId !== 'string' || !TRACE_ID.test(traceId) || traceId === ZERO_TRACE_ID) {
    return { invalid: 'traceId must be 32 lowercase hex characters' };
  }
  const name = sanitizeContextValue(input.name, { count: 0 });
  if (name === undefined) return { invalid: 'name must be a non-empty string' };
  const dataType = input.dataType ?? inferDataType(value);
  if (dataType === undefined || !DATA_TYPES.includes(dataType)) {
    return { invalid: 'value must be a finite number, a boolean or a string' };
  }
  const checked = checkValue(value, dataType);
  if (checked === undefined) return { invalid: `value does not fit dataType '${dataType}'` };
  const timestamp =
    typeof input.timestamp === 'number' && Number.isFinite(input.timestamp) ? input.timestamp : Date.now();
  const id =
    typeof input.id === 'string' && input.id !== '' ? input.id.slice(0, MAX_NAME_LENGTH) : generateTraceId();
  const score: MutableScore = {
    id,
    traceId,
    name: name.slice(0, MAX_NAME_LENGTH),
    value: checked,
    dataType,
    timestamp,
  };
  // An invalid span id is dropped: the score still lands on its trace.
  if (typeof spanId === 'string' && SPAN_ID.test(spanId)) score.spanId = spanId;
  if (input.comment !== undefined && input.comment !== null) {
    const comment = safeSerialize({ comment: String(input.comment) }, limits, redactor) as {
      comment?: unknown;
    };
    if (typeof comment.comment === 'string') score.comment = comment.comment;
  }
  const ignored = { count: 0 };
  const source = sanitizeContextValue(input.source, ignored);
  if (source !== undefined) score.source = source;
  if (input.metadata !== undefined && input.metadata !== null) {
    score.metadata = safeSerialize(input.metadata, limits, redactor) as Record<string, unknown>;
  }
  const userId = sanitizeContextValue(input.userId, ignored);
  if (userId !== undefined) score.userId = userId;
  const sessionId = sanitizeContextValue(input.sessionId, ignored);
  if (sessionId !== undefined) score.sessionId = sessionId;
  const environment = sanitizeContextValue(input.environment, ignored);
  if (environment !== undefined) score.environment = environment;
  return Object.freeze(score);
}

function inferDataType(value: unknown): ScoreDataType | undefined {
  if (typeof value === 'number') return 'numeric';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'categorical';
  return undefined;
}

// The value as its data type reads it; undefined when it does not fit (NaN, an empty category).
function checkValue(value: unknown, dataType: ScoreDataType): number | boolean | string | undefined {
  switch (dataType) {
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // Backends that store booleans as 0/1 send them back that way.
      return value === 1 ? true : value === 0 ? false : undefined;
    case 'categorical': {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return undefined;
      const category = sanitizeContextValue(String(value), { count: 0 });
      return category === undefined ? undefined : category.slice(0, MAX_CATEGORY_LENGTH);
    }
  }
}
