import { isRecord, tagValue } from './values';

/** Metadata keys the exporter reads; every other key is passed on as metadata. */
export const RESERVED_METADATA_KEYS = ['sessionId', 'userId', 'tags'] as const;

/** What the exporter reads from a span's user metadata. */
export interface UserMetadata {
  /** `metadata.sessionId` (string or number) */
  readonly sessionId: string | undefined;
  /** `metadata.userId` (string or number) */
  readonly userId: string | undefined;
  /** `metadata.tags`: `key:value` strings (a bare `label` becomes `label:true`) or a `{ key: value }` object */
  readonly tags: Readonly<Record<string, string>>;
  /** Every other metadata key */
  readonly rest: Readonly<Record<string, unknown>>;
}

const EMPTY: UserMetadata = Object.freeze({
  sessionId: undefined,
  userId: undefined,
  tags: Object.freeze({}),
  rest: Object.freeze({}),
});

/** The context a span carries as first-class fields (scoped with `propagateAttributes` or set on the span). */
export interface SpanContextFields {
  readonly userId?: string;
  readonly sessionId?: string;
  readonly tags?: readonly string[];
}

/**
 * Split a span's metadata into the keys the exporter understands and the
 * rest; the span's own `userId`, `sessionId` and `tags` fields win over
 * (tags: add to) the metadata keys of the same name.
 */
export function readUserMetadata(
  metadata: Readonly<Record<string, unknown>> | undefined,
  fields: SpanContextFields = {},
): UserMetadata {
  if (
    metadata === undefined &&
    fields.userId === undefined &&
    fields.sessionId === undefined &&
    fields.tags === undefined
  )
    return EMPTY;
  const fromMetadata = metadata === undefined ? EMPTY : splitMetadata(metadata);
  return {
    sessionId: idValue(fields.sessionId) ?? fromMetadata.sessionId,
    userId: idValue(fields.userId) ?? fromMetadata.userId,
    tags: fields.tags === undefined ? fromMetadata.tags : { ...fromMetadata.tags, ...readTags(fields.tags) },
    rest: fromMetadata.rest,
  };
}

function splitMetadata(metadata: Readonly<Record<string, unknown>>): UserMetadata {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (!(RESERVED_METADATA_KEYS as readonly string[]).includes(key)) rest[key] = value;
  }
  return {
    sessionId: idValue(metadata.sessionId),
    userId: idValue(metadata.userId),
    tags: readTags(metadata.tags),
    rest,
  };
}

function idValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function readTags(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string' || item === '') continue;
      const separator = item.indexOf(':');
      if (separator > 0) tags[item.slice(0, separator)] = item.slice(separator + 1);
      else tags[item] = 'true';
    }
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      const text = tagValue(item);
      if (text !== undefined && key !== '') tags[key] = text;
    }
  }
  return tags;
}
