import type { PropagatedAttributes, SpanContextOptions } from '../types/propagated-attributes';

/** Longest user id, session id, tag, environment or release kept. */
export const MAX_CONTEXT_VALUE_LENGTH = 200;
/** Most tags kept on a span. */
export const MAX_TAGS = 50;

// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * The trace context of a span or of a `propagateAttributes` scope, sanitised
 * and merged. Immutable and shared: spans point to it, nothing copies it.
 */
export interface SpanContext {
  readonly userId?: string;
  readonly sessionId?: string;
  readonly tags?: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly environment?: string;
  readonly release?: string;
  /** Values dropped or cut on the way here (tags past 50, oversized values): warned once */
  readonly capped: number;
}

/** A counter for what sanitising drops, threaded through one merge. */
interface Capped {
  count: number;
}

/** A string id kept within limits: control characters stripped, cut at 200 characters; undefined when empty or not a string/number. */
export function sanitizeContextValue(value: unknown, capped: Capped): string | undefined {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else {
    if (value !== undefined && value !== null) capped.count++;
    return undefined;
  }
  if (text.length > MAX_CONTEXT_VALUE_LENGTH * 4) {
    text = text.slice(0, MAX_CONTEXT_VALUE_LENGTH * 4);
  }
  let clean = text.replace(CONTROL, '').trim();
  if (clean.length > MAX_CONTEXT_VALUE_LENGTH) {
    capped.count++;
    clean = clean.slice(0, MAX_CONTEXT_VALUE_LENGTH);
    // Never end on half a surrogate pair.
    const last = clean.charCodeAt(clean.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) clean = clean.slice(0, -1);
  }
  return clean === '' ? undefined : clean;
}

/** `outer` tags then `added` ones, sanitised, de-duplicated in order, at most 50. */
function unionTags(
  outer: readonly string[] | undefined,
  added: unknown,
  capped: Capped,
): readonly string[] | undefined {
  if (added === undefined || added === null) return outer;
  if (!Array.isArray(added)) {
    capped.count++;
    return outer;
  }
  const tags = outer === undefined ? [] : outer.slice();
  const seen = new Set(tags);
  // Only as many candidates are looked at as can be kept: 1,000,000 tags cost no more than 50.
  const limit = Math.min(added.length, MAX_TAGS * 4);
  for (let index = 0; index < limit; index++) {
    const tag = sanitizeContextValue(added[index], capped);
    if (tag === undefined || seen.has(tag)) continue;
    if (tags.length >= MAX_TAGS) {
      capped.count++;
      continue;
    }
    seen.add(tag);
    tags.push(tag);
  }
  capped.count += added.length - limit;
  return tags.length === 0 ? outer : tags;
}

function plainObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * A scope nested in `outer`: the inner value wins per key, tags are the union,
 * metadata merges (inner keys win). Never throws on hostile input (a getter
 * that throws is treated as absent by the caller's try/catch).
 */
export function mergeAttributes(
  outer: SpanContext | undefined,
  attributes: PropagatedAttributes | SpanContext,
): SpanContext {
  const capped: Capped = { count: outer?.capped ?? 0 };
  const input = attributes as PropagatedAttributes;
  const ownMetadata = plainObject(input.metadata);
  const metadata =
    ownMetadata === undefined
      ? outer?.metadata
      : outer?.metadata === undefined
        ? Object.freeze(Object.assign({}, ownMetadata))
        : Object.freeze(Object.assign({}, outer.metadata, ownMetadata));
  const context: SpanContext = {
    userId: sanitizeContextValue(input.userId, capped) ?? outer?.userId,
    sessionId: sanitizeContextValue(input.sessionId, capped) ?? outer?.sessionId,
    tags: unionTags(outer?.tags, input.tags, capped),
    metadata,
    environment: sanitizeContextValue(input.environment, capped) ?? outer?.environment,
    release: sanitizeContextValue(input.release, capped) ?? outer?.release,
    capped: capped.count,
  };
  return Object.freeze(context);
}

/** Whether span options carry any context value (checked per span: three property reads). */
export function hasContextOptions(options: SpanContextOptions): boolean {
  return options.userId !== undefined || options.sessionId !== undefined || options.tags !== undefined;
}
