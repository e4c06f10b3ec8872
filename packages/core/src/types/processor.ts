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
}
