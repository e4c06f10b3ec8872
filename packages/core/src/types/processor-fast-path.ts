import type { KeyRedactor } from './key-redactor';

/**
 * The work of a processor's `process()`, in a form the engine runs inside its
 * own snapshot of a span instead of calling `process()`: no processing view is
 * built and the data is walked once. Returned by `AISpanProcessor.fastPath()`.
 *
 * A processor that offers a fast path promises that it does exactly what its
 * `process()` would do on the same span: when the engine fuses it, `process()`
 * is not called for that span.
 */
export interface ProcessorFastPath {
  /**
   * Redact by key while serialising: the value under every key the rule
   * accepts is replaced in `attributes`, `metadata`, `input`, `output` and
   * `errorInfo`, at any depth. Only fused when the processor is the first one
   * to run on the span (nothing before it may add data it should redact).
   */
  readonly redactKeys?: KeyRedactor;
  /**
   * Enrich the span's attributes: called with the engine's own serialised copy
   * (free to change in place) and returns the attributes to export. Runs for
   * the processor's `spanTypes` only, on every snapshot (`span_started`,
   * `span_updated`, `span_ended`). A throw is handled like a throw from
   * `process()`: logged once, the span's data withheld (fail closed).
   */
  readonly enrichAttributes?: (
    attributes: Record<string, unknown> | undefined,
  ) => Record<string, unknown> | undefined;
}
