import type { ProcessorFastPath } from './processor-fast-path';
import type { AnyAISpan } from './span';
import type { AISpanType } from './span-type';

/**
 * Interface for span processors. Processors run in order before a span is
 * exported. They receive a private view of the span whose `attributes`,
 * `metadata`, `input`, `output` and `errorInfo` are already safely serialised
 * copies: a processor may replace or change them without touching the live
 * span or the user's objects.
 *
 * Returning `undefined` drops the span from export. A processor that throws is
 * logged and skipped, and the span's data is replaced by a marker (fail closed:
 * a failing redaction never lets unfiltered data through).
 */
export interface AISpanProcessor {
  /** Processor name */
  name: string;
  /**
   * The span types this processor looks at; other spans skip it. Omitted:
   * every span.
   */
  readonly spanTypes?: readonly AISpanType[];
  /** Process span before export */
  process(span?: AnyAISpan): AnyAISpan | undefined;
  /** Shutdown processor */
  shutdown(): Promise<void>;
  /**
   * Optional fast path: the same work as `process()` as a key-redaction rule
   * and/or an attribute enrichment, which the engine runs inside its single
   * serialisation walk instead of calling `process()`. Asked once, when the
   * tracing instance is created; return `undefined` (or throw) to always be
   * called through `process()`.
   *
   * The engine fuses the leading processors of each span type's chain that
   * offer one (a redaction only when nothing runs before it); from the first
   * processor that offers none, every processor runs through `process()` as
   * usual, so the order of the chain is always respected. The built-in
   * `SensitiveDataFilter` and `CostEstimator` use this hook, and so do their
   * subclasses unless they override `process()`.
   *
   * @example
   * ```ts
   * const addRegion = (attributes: Record<string, unknown> | undefined) =>
   *   Object.assign(attributes ?? {}, { region: 'eu-west-1' });
   * const regionTagger: AISpanProcessor = {
   *   name: 'region-tagger',
   *   // What runs when the processor cannot be fused (it follows one that has no fast path).
   *   process(span) {
   *     if (span) span.attributes = addRegion(span.attributes as Record<string, unknown>) as typeof span.attributes;
   *     return span;
   *   },
   *   fastPath: () => ({ enrichAttributes: addRegion }),
   *   shutdown: async () => {},
   * };
   * ```
   */
  fastPath?(): ProcessorFastPath | undefined;
}
