import { runWithSpan } from '../context/async-context';
import { type SpanStarter, traced } from '../context/traced';
import type { AISpanTypeMap } from '../types/span-attributes';
import { AISpanType } from '../types/span-type';
import type { AISpan } from '../types/tracing';

/** Options of the `@withSpan` method decorator. */
export interface WithSpanOptions<TType extends AISpanType = AISpanType> {
  /** Span type. @defaultValue `AISpanType.GENERIC` */
  spanType?: TType;
  /** Span name. @defaultValue `<ClassName>.<methodName>` */
  name?: string;
  /** Attributes given to every span of this method */
  attributes?: AISpanTypeMap[TType];
  /** Record the method's arguments as input. @defaultValue `true` */
  recordInput?: boolean;
  /** Record the return value as output. @defaultValue `true` */
  recordOutput?: boolean;
  /**
   * Where to start a root span when the method is called outside any traced
   * context. @defaultValue the instance `setupAITracing` configured; with
   * none, such calls run untraced
   */
  tracing?: SpanStarter;
}

/** Any method: `never` parameters accept every signature. */
type AnyMethod = (this: never, ...args: never[]) => unknown;

/**
 * Run `fn` with `span` as the current span (across awaits, timers and event
 * emitter callbacks), returning what `fn` returns.
 */
export function withSpan<TResult>(span: AISpan<AISpanType>, fn: () => TResult): TResult;
/**
 * Method decorator (TypeScript 5 standard decorators): each call runs in a
 * span, a child of the current span (or a root of `options.tracing`). Errors
 * are recorded and rethrown unchanged; return values and `this` are
 * untouched; sync methods stay sync.
 *
 * @example
 * ```ts
 * class Agent {
 *   @withSpan({ spanType: AISpanType.LLM_GENERATION, attributes: { model: 'gpt-4o' } })
 *   async generate(prompt: string) { ... }
 * }
 * ```
 */
export function withSpan<TType extends AISpanType>(
  options?: WithSpanOptions<TType>,
): <TMethod extends AnyMethod>(method: TMethod, context: ClassMethodDecoratorContext) => TMethod;
export function withSpan<TResult, TType extends AISpanType>(
  spanOrOptions?: AISpan<AISpanType> | WithSpanOptions<TType>,
  fn?: () => TResult,
): TResult | (<TMethod extends AnyMethod>(method: TMethod, context: ClassMethodDecoratorContext) => TMethod) {
  if (typeof fn === 'function') return runWithSpan(spanOrOptions as AISpan<AISpanType>, fn);
  const options = (spanOrOptions ?? {}) as WithSpanOptions<TType>;
  return (method, context) => wrapMethod(method, String(context.name), options);
}

/** Wrap one method so each call runs in a span. Used by both decorators. */
export function wrapMethod<TMethod extends AnyMethod, TType extends AISpanType>(
  method: TMethod,
  methodName: string,
  options: WithSpanOptions<TType>,
): TMethod {
  const type = (options.spanType ?? AISpanType.GENERIC) as TType;
  const recordInput = options.recordInput !== false;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const owner = (this as { constructor?: { name?: string } } | undefined)?.constructor?.name;
    const name = options.name ?? (owner ? `${owner}.${methodName}` : methodName);
    return traced(
      {
        type,
        name,
        attributes: options.attributes,
        input: recordInput ? (args.length === 1 ? args[0] : args) : undefined,
        recordOutput: options.recordOutput,
        tracing: options.tracing,
      },
      () => (method as unknown as (...params: unknown[]) => unknown).apply(this, args),
    );
  };
  Object.defineProperty(wrapped, 'name', { value: method.name, configurable: true });
  return wrapped as unknown as TMethod;
}
