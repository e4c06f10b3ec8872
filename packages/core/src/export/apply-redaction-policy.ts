// One exporter's redaction policy applied to its copy of a span. Internal to core:
// the dispatcher calls it once per distinct policy per event.
import { createPiiRedactor } from '../redaction/create-pii-redactor';
import { redactSecrets } from '../redaction/redact-secrets';
import { safeSerialize } from '../serialization/safe-serialize';
import type { SerializationLimits } from '../serialization/serialization-options';
import type { ExportedAISpan } from '../types/exported-span';
import type { KeyRedactor } from '../types/key-redactor';
import type { RedactionPolicy } from '../types/redaction-policy';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;
// The snapshot is already within the configured limits; only depth needs a bound.
const COPY_LIMITS: SerializationLimits = Object.freeze({
  maxStringLength: NO_LIMIT,
  maxArrayLength: NO_LIMIT,
  maxObjectKeys: NO_LIMIT,
  maxDepth: 64,
  maxDataSize: NO_LIMIT,
});
const CONTENT_ATTRIBUTES = ['messages', 'prompt', 'completion', 'instructions'] as const;

const stringsOnly = (redactString: (text: string) => string): KeyRedactor => ({
  isSensitiveKey: () => false,
  mask: (value) => value,
  redactString,
});
const SECRETS = stringsOnly(redactSecrets);
const maskPii = createPiiRedactor();
const PII = stringsOnly((text) => maskPii(redactSecrets(text)));
const COPY = stringsOnly((text) => text);

/**
 * The span `policy` makes of `span`: a new object, `span` itself is never
 * changed. Never throws: a policy function that throws, or returns something
 * that is not an object, fails closed (the span without its data).
 */
export function applyRedactionPolicy(span: ExportedAISpan, policy: RedactionPolicy): ExportedAISpan {
  try {
    switch (policy) {
      case 'secrets':
        return withData(span, SECRETS, false);
      case 'pii':
        return withData(span, PII, false);
      case 'content':
        return withData(span, SECRETS, true);
      default: {
        const result = policy(withData(span, COPY, false));
        return typeof result === 'object' && result !== null ? result : withoutData(span);
      }
    }
  } catch {
    return withoutData(span);
  }
}

function withData(span: ExportedAISpan, redactor: KeyRedactor, dropContent: boolean): ExportedAISpan {
  let attributes = safeSerialize(span.attributes, COPY_LIMITS, redactor) as
    | Record<string, unknown>
    | undefined;
  if (dropContent && attributes !== undefined) {
    for (const name of CONTENT_ATTRIBUTES) delete attributes[name];
    if (Object.keys(attributes).length === 0) attributes = undefined;
  }
  return {
    ...span,
    attributes: attributes as ExportedAISpan['attributes'],
    metadata: safeSerialize(span.metadata, COPY_LIMITS, redactor) as ExportedAISpan['metadata'],
    input: dropContent ? undefined : safeSerialize(span.input, COPY_LIMITS, redactor),
    output: dropContent ? undefined : safeSerialize(span.output, COPY_LIMITS, redactor),
    errorInfo: safeSerialize(span.errorInfo, COPY_LIMITS, redactor) as ExportedAISpan['errorInfo'],
  };
}

function withoutData(span: ExportedAISpan): ExportedAISpan {
  return {
    ...span,
    attributes: undefined,
    metadata: undefined,
    input: undefined,
    output: undefined,
    errorInfo: undefined,
  };
}
