import { createLargePayload, type LargePayload } from './large-payload';

/** Pairs in scenario 4b's pool: every span takes the next one, round robin. */
export const FRESH_POOL_SIZE = 256;

/**
 * Strings shorter than this are left as they are: the secret detectors skip
 * them (core's `redact-secrets.ts`: no secret shape fits in fewer than 8
 * characters), so no per-string cache of theirs would hold them.
 */
const SHORTEST_MARKED = 8;

// Where the pair's number is written into a string: after the first two
// characters, which keeps what tells a payload's strings apart (the leading
// number of its prose, the trailing index of its ids) intact.
const MARK_OFFSET = 2;

/**
 * `count` input/output pairs of scenario 4's payload, built before timing,
 * in which no string of 8 or more characters is shared between two pairs:
 * each one carries its pair's number (written over three of its characters,
 * so the payload keeps its exact size). Keys, nesting, types and the
 * repeats inside one payload (the `function` of every tool call) are
 * scenario 4's; only the strings differ from pair to pair, as in real
 * traffic where each request brings new text. Throws if a pair's JSON is
 * not exactly as long as scenario 4's, or if marking made two different
 * strings of one pair equal.
 */
export function createFreshPayloadPool(count: number = FRESH_POOL_SIZE): LargePayload[] {
  const width = String(Math.max(0, count - 1)).length;
  const base = createLargePayload();
  const baseLengths = [JSON.stringify(base.input).length, JSON.stringify(base.output).length];
  const pool: LargePayload[] = [];
  for (let pair = 0; pair < count; pair++) {
    const mark = String(pair).padStart(width, '0');
    const seen = new Map<string, string>();
    const marked = new Set<string>();
    const rewrite = (text: string): string => {
      if (text.length < SHORTEST_MARKED) return text;
      const known = seen.get(text);
      if (known !== undefined) return known;
      const fresh = `${text.slice(0, MARK_OFFSET)}${mark}${text.slice(MARK_OFFSET + mark.length)}`;
      if (marked.has(fresh)) throw new Error(`marking pair ${pair} made two strings equal: "${fresh}"`);
      seen.set(text, fresh);
      marked.add(fresh);
      return fresh;
    };
    const { input, output } = createLargePayload();
    const payload = {
      input: rewriteStrings(input, rewrite) as Record<string, unknown>,
      output: rewriteStrings(output, rewrite) as Record<string, unknown>,
    };
    // Also flattens the strings built by concatenation before timing, as scenario 4's are by then.
    const lengths = [JSON.stringify(payload.input).length, JSON.stringify(payload.output).length];
    if (lengths[0] !== baseLengths[0] || lengths[1] !== baseLengths[1]) {
      throw new Error(`pair ${pair} is ${lengths.join(' + ')} bytes of JSON, not ${baseLengths.join(' + ')}`);
    }
    pool.push(payload);
  }
  return pool;
}

/** A copy of a JSON-like value (plain objects, arrays, scalars) with every string rewritten. */
function rewriteStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => rewriteStrings(item, rewrite));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = rewriteStrings(item, rewrite);
  return copy;
}
