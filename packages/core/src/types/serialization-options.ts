/**
 * Size limits applied when span data (input, output, attributes, metadata) is
 * copied for export. Every limit is optional; a missing or `undefined` limit
 * takes its default. Limits are checked once, by `resolveSerializationOptions`,
 * which throws an `AITracingConfigError` for an invalid value.
 */
export interface SerializationOptions {
  /**
   * Longest string kept, in UTF-16 code units. Longer strings keep their first
   * `maxStringLength` characters followed by a `…[truncated N chars]` note.
   * @defaultValue 32_768
   */
  maxStringLength?: number;
  /**
   * Most array (and Set) items kept. Further items are replaced by one
   * `…[N more items]` entry.
   * @defaultValue 1_000
   */
  maxArrayLength?: number;
  /**
   * Most keys kept per object (and Map). Further keys are not read: one `…`
   * key whose value is `[Truncated: maxObjectKeys]` (objects) or
   * `[N more keys]` (Maps) marks the cut.
   * @defaultValue 500
   */
  maxObjectKeys?: number;
  /**
   * Deepest nesting of objects and arrays kept; the top-level object is at
   * depth 1. Deeper objects become `[Object]`, deeper arrays `[Array(n)]`.
   * @defaultValue 12
   */
  maxDepth?: number;
  /**
   * Approximate size budget of one serialised value, in JSON characters. Once
   * spent, every further value becomes `[Truncated: maxDataSize]`.
   * @defaultValue 1_000_000
   */
  maxDataSize?: number;
  /**
   * Export span input and output. When false, input and output are not
   * exported at all (attributes, metadata and errors still are).
   * @defaultValue true
   */
  includeIO?: boolean;
}
