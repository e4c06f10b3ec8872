import { mergeAttributes, type SpanContext } from '../internal/span-context';
import type { BaggageAttributeKey, BaggagePropagationOptions } from '../types/propagated-attributes';
import { type BaggageEntry, formatBaggage, parseBaggage } from './baggage';

/** Default `TracingConfig.baggage.keys`: tags are opt-in (they can be long). */
export const DEFAULT_BAGGAGE_KEYS: readonly BaggageAttributeKey[] = ['userId', 'sessionId'];
/** Default `TracingConfig.baggage.maxBytes`. */
export const DEFAULT_BAGGAGE_MAX_BYTES = 1_024;

/** The baggage entry name of each attribute. */
const ENTRY: Readonly<Record<BaggageAttributeKey, string>> = {
  userId: 'aitracing.user_id',
  sessionId: 'aitracing.session_id',
  tags: 'aitracing.tags',
};

function entryValue(context: SpanContext, key: BaggageAttributeKey): string | undefined {
  if (key === 'tags') return context.tags === undefined ? undefined : context.tags.join(',');
  return context[key];
}

/**
 * The `baggage` header to send: `upstream` entries (except ours) plus the
 * allowed attributes of `context`, percent-encoded. Our entries that would
 * take the header past `maxBytes` are left out; upstream entries pass unchanged.
 */
export function withAttributeBaggage(
  upstream: string | undefined,
  context: SpanContext | undefined,
  options: BaggagePropagationOptions,
): string | undefined {
  if (context === undefined) return upstream;
  const entries = new Map<string, BaggageEntry>();
  for (const [key, entry] of parseBaggage(upstream)) {
    if (!key.startsWith('aitracing.')) entries.set(key, entry);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_BAGGAGE_MAX_BYTES;
  let bytes = upstream === undefined ? 0 : (formatBaggage(entries)?.length ?? 0);
  for (const key of options.keys ?? DEFAULT_BAGGAGE_KEYS) {
    const name = ENTRY[key];
    const value = name === undefined ? undefined : entryValue(context, key);
    if (value === undefined) continue;
    const size = (bytes === 0 ? 0 : 1) + name.length + 1 + encodeURIComponent(value).length;
    if (bytes + size > maxBytes) continue;
    bytes += size;
    entries.set(name, { value });
  }
  return formatBaggage(entries);
}

/**
 * The attributes a continued trace reads back from incoming `baggage`: only
 * the allowed keys, sanitised like `propagateAttributes` values; undefined
 * when there are none.
 */
export function contextFromBaggage(
  header: string,
  options: BaggagePropagationOptions,
): SpanContext | undefined {
  const entries = parseBaggage(header);
  const keys = options.keys ?? DEFAULT_BAGGAGE_KEYS;
  let userId: string | undefined;
  let sessionId: string | undefined;
  let tags: string[] | undefined;
  if (keys.includes('userId')) userId = entries.get(ENTRY.userId)?.value;
  if (keys.includes('sessionId')) sessionId = entries.get(ENTRY.sessionId)?.value;
  if (keys.includes('tags')) tags = entries.get(ENTRY.tags)?.value.split(',');
  if (userId === undefined && sessionId === undefined && tags === undefined) return undefined;
  return mergeAttributes(undefined, { userId, sessionId, tags });
}
