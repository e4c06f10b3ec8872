import { AITracingConfigError } from '@aitracing/core';
import type { InstrumentationOptions } from '@aitracing/core/instrumentation';
import { type ResolvedSettings, resolveSettings } from './internal/instrumentation-settings';
import { tracedCreate } from './internal/traced-create';

/**
 * Options of {@link instrumentAnthropic}: where root spans go (`tracing`),
 * whether prompts and completions are recorded (`captureContent`), and
 * whether each streamed event becomes an `LLM_CHUNK` span (`captureChunks`).
 */
export type AnthropicInstrumentationOptions = InstrumentationOptions;

// Process-wide keys (shared by duplicate installs): instrumenting twice is detected and harmless.
const INSTRUMENTED_CLIENT = Symbol.for('aitracing.instrumentation.anthropic.client');
const INSTRUMENTED_CREATE = Symbol.for('aitracing.instrumentation.anthropic.create');

type Method = (this: unknown, ...args: unknown[]) => unknown;

function defineHidden(target: object, key: string | symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function messagesResource(owner: unknown): { create: Method } | undefined {
  if (typeof owner !== 'object' || owner === null) return undefined;
  const messages = (owner as { messages?: unknown }).messages;
  if (typeof messages !== 'object' || messages === null) return undefined;
  return typeof (messages as { create?: unknown }).create === 'function'
    ? (messages as { create: Method })
    : undefined;
}

function instrumentMessages(messages: { create: Method } | undefined, settings: ResolvedSettings): void {
  if (messages === undefined) return;
  const original = messages.create;
  if ((original as unknown as Record<symbol, unknown>)[INSTRUMENTED_CREATE] === true) return;
  const traced = tracedCreate(original, settings);
  defineHidden(traced, INSTRUMENTED_CREATE, true);
  defineHidden(messages, 'create', traced);
}

function validate(client: unknown, options: unknown): asserts client is object {
  if (messagesResource(client) === undefined) {
    throw new AITracingConfigError(
      'client',
      `must be an @anthropic-ai/sdk client (an object with messages.create); got ${client === null ? 'null' : typeof client}`,
    );
  }
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new AITracingConfigError('options', 'must be an object');
  }
  const { tracing, captureContent, captureChunks } = options as Record<string, unknown>;
  for (const [field, value] of [
    ['captureContent', captureContent],
    ['captureChunks', captureChunks],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new AITracingConfigError(`options.${field}`, `must be true or false; got ${typeof value}`);
    }
  }
  if (tracing !== undefined && typeof (tracing as { startSpan?: unknown } | null)?.startSpan !== 'function') {
    throw new AITracingConfigError(
      'options.tracing',
      'must be an AITracing or Observability instance (with startSpan)',
    );
  }
}

/**
 * Trace an `@anthropic-ai/sdk` client: every `messages.create` (plain and
 * `stream: true`), `messages.stream(...)` and `messages.parse(...)` records
 * one `LLM_GENERATION` span (provider `anthropic`) with model, parameters,
 * input (`{ system?, messages }`), output text and tool calls, finish reason
 * (`stop_reason`), usage with cache reads and writes, and for streams the time
 * to first token. `beta.messages` is traced the same way when the SDK has it,
 * and clients from `withOptions()` are traced too.
 *
 * Returns the same client, instrumented in place. The app sees no difference:
 * the SDK's own promise (`.withResponse()`, `.asResponse()`), stream (same
 * events, `controller`, `tee()`, `toReadableStream()`), message stream helpers
 * and errors come back unchanged. Instrumenting a client twice is harmless.
 * Calls inside another instrumented generation are not recorded twice.
 *
 * Never throws once the client is instrumented; throws an
 * `AITracingConfigError` right away for something that is not an Anthropic
 * client or for invalid options.
 *
 * @example
 * ```ts
 * import Anthropic from '@anthropic-ai/sdk';
 * import { instrumentAnthropic } from '@aitracing/instrumentation-anthropic';
 *
 * const anthropic = instrumentAnthropic(new Anthropic());
 * ```
 */
export function instrumentAnthropic<TClient extends object>(
  client: TClient,
  options?: AnthropicInstrumentationOptions,
): TClient {
  validate(client, options);
  if ((client as Record<symbol, unknown>)[INSTRUMENTED_CLIENT] === true) return client;
  const settings = resolveSettings(options);
  instrumentMessages(messagesResource(client), settings);
  try {
    instrumentMessages(messagesResource((client as { beta?: unknown }).beta), settings);
  } catch {
    // An SDK whose `beta` getter throws simply has no traced beta messages.
  }
  const withOptions = (client as { withOptions?: unknown }).withOptions;
  if (typeof withOptions === 'function') {
    defineHidden(client, 'withOptions', function (this: unknown, ...args: unknown[]) {
      const clone = Reflect.apply(withOptions, this, args);
      return messagesResource(clone) === undefined ? clone : instrumentAnthropic(clone as object, options);
    });
  }
  defineHidden(client, INSTRUMENTED_CLIENT, true);
  return client;
}
