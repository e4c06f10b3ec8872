/**
 * What an exporter that sends input and output as JSON text keeps per span
 * until its batch goes out (exporter-langfuse's `langfuse.observation.input`
 * and `.output`, OpenTelemetry's JSON attributes): the text, not the span.
 */
export interface PayloadText {
  readonly input: string | undefined;
  readonly output: string | undefined;
}

/**
 * `value` as exporter-langfuse writes it into an attribute: a string as it
 * is, anything else through `JSON.stringify` (a value it cannot serialise as
 * a fixed text, never a throw).
 */
export function jsonText(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return '[Unserializable]';
  }
}
