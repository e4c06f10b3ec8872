import type { OtlpAttributes } from '@aitracing/exporter-otel';

/** What a failing mask leaves in place of the value (the text `LangfuseSpanProcessor` used). */
export const FULLY_MASKED = '<fully masked due to failed mask function>';

const MASKED_KEYS = [
  'langfuse.observation.input',
  'langfuse.observation.output',
  'langfuse.trace.input',
  'langfuse.trace.output',
] as const;
const OBSERVATION_METADATA = 'langfuse.observation.metadata.';
const TRACE_METADATA = 'langfuse.trace.metadata.';

/** A user's mask function, as in `LangfuseExporterOptions.mask`. */
export type MaskFunction = (params: { data: unknown }) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

// An attribute holds a string, number or boolean; anything else a mask returns is sent as JSON.
function scalarOrJson(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined || value === null) return '';
  try {
    return JSON.stringify(value) ?? FULLY_MASKED;
  } catch {
    return FULLY_MASKED;
  }
}

/**
 * Apply `mask` in place to the Langfuse input, output and metadata
 * attributes of one span: the values `LangfuseSpanProcessor` masked (input
 * and output as their JSON text), and each flattened metadata key (the
 * processor only looked at an unflattened `...metadata` key, which we never
 * send). Fails closed: a mask that throws, or returns a promise (masking
 * runs synchronously, when the span is converted), replaces the value with
 * {@link FULLY_MASKED}. Returns the first failure, for one warning; never throws.
 */
export function maskAttributes(attributes: OtlpAttributes, mask: MaskFunction): unknown {
  let failure: unknown;
  const apply = (key: string) => {
    try {
      const masked = mask({ data: attributes[key] });
      if (isThenable(masked)) {
        // A rejecting promise must not become an unhandled rejection.
        masked.then(undefined, () => undefined);
        throw new TypeError('the mask function returned a promise; it must return the masked value');
      }
      attributes[key] = scalarOrJson(masked);
    } catch (error) {
      failure ??= error;
      attributes[key] = FULLY_MASKED;
    }
  };
  for (const key of MASKED_KEYS) if (key in attributes) apply(key);
  for (const key of Object.keys(attributes)) {
    if (key.startsWith(OBSERVATION_METADATA) || key.startsWith(TRACE_METADATA)) apply(key);
  }
  return failure;
}
