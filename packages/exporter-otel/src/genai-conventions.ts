import { runtimeEnvironment } from '@aitracing/core/exporter-kit';
/**
 * Which flavour of the OpenTelemetry GenAI semantic conventions the mapping
 * emits. We follow the conventions as maintained today (the v1.37+ names of
 * open-telemetry/semantic-conventions, and time to first chunk and MCP from
 * open-telemetry/semantic-conventions-genai): `gen_ai.provider.name`,
 * structured `gen_ai.input.messages` / `gen_ai.output.messages` /
 * `gen_ai.system_instructions`.
 */
export interface GenAiConventions {
  /**
   * Where prompts, completions and system instructions go (when content is
   * captured): `'attributes'` on the span, `'event'` as the
   * `gen_ai.client.inference.operation.details` span event, or both.
   * `'none'` records no message content at all.
   * @defaultValue `'attributes'`; with `OTEL_SEMCONV_STABILITY_OPT_IN`
   * listing `gen_ai_latest_experimental`, from
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (`SPAN_ONLY`,
   * `EVENT_ONLY`, `SPAN_AND_EVENT`, `NO_CONTENT`)
   */
  readonly messages: 'attributes' | 'event' | 'attributes-and-event' | 'none';
  /**
   * Also emit the deprecated `gen_ai.system` (same value as
   * `gen_ai.provider.name`) for backends that still read it.
   * @defaultValue `false`; never with `OTEL_SEMCONV_STABILITY_OPT_IN`
   * listing `gen_ai_latest_experimental` (the old attribute must not be emitted then)
   */
  readonly deprecatedSystemAttribute: boolean;
}

/** The env variable the conventions define to opt into their latest experimental version. */
export const SEMCONV_STABILITY_OPT_IN_ENV = 'OTEL_SEMCONV_STABILITY_OPT_IN';
/** The env variable OpenTelemetry's GenAI instrumentations read for where message content goes. */
export const GENAI_CAPTURE_MESSAGE_CONTENT_ENV = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

const CONTENT_MODES: Readonly<Record<string, GenAiConventions['messages']>> = {
  SPAN_ONLY: 'attributes',
  EVENT_ONLY: 'event',
  SPAN_AND_EVENT: 'attributes-and-event',
  NO_CONTENT: 'none',
};

/**
 * The conventions an environment asks for, `overrides` (from code) winning.
 * Unknown values are ignored (the default applies); never throws.
 *
 * Default: the latest conventions. The transition rule of the conventions
 * (keep emitting v1.36 or older unless `gen_ai_latest_experimental` is set)
 * is for instrumentations that emitted those old names; ours never did
 * (`gen_ai.provider.name` and structured messages since the first release),
 * so opting in changes only what the latest version leaves to the
 * instrumentation: where content goes, and no deprecated attribute.
 */
export function resolveGenAiConventions(
  env: Readonly<Record<string, string | undefined>>,
  overrides: Partial<GenAiConventions> = {},
): GenAiConventions {
  const optIn = (env[SEMCONV_STABILITY_OPT_IN_ENV] ?? '')
    .split(',')
    .map((value) => value.trim())
    .includes('gen_ai_latest_experimental');
  const fromEnv = optIn
    ? CONTENT_MODES[(env[GENAI_CAPTURE_MESSAGE_CONTENT_ENV] ?? '').trim().toUpperCase()]
    : undefined;
  return {
    messages: overrides.messages ?? fromEnv ?? 'attributes',
    deprecatedSystemAttribute: optIn ? false : (overrides.deprecatedSystemAttribute ?? false),
  };
}

let fromProcess: GenAiConventions | undefined;

/** The conventions of this process's environment, read once. */
export function processGenAiConventions(): GenAiConventions {
  fromProcess ??= resolveGenAiConventions(runtimeEnvironment());
  return fromProcess;
}
