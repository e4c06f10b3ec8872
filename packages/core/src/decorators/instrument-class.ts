import type { AISpanType } from '../types/span-type';
import { type WithSpanOptions, wrapMethod } from './with-span';

/** Options of the `@InstrumentClass` class decorator. */
export interface InstrumentClassOptions<TType extends AISpanType = AISpanType>
  extends Omit<WithSpanOptions<TType>, 'name'> {
  /** Span names are `<prefix>.<methodName>`. @defaultValue the class name */
  prefix?: string;
  /** Methods left alone */
  excludeMethods?: string[];
  /** Only methods for which this returns true are traced */
  methodFilter?: (methodName: string) => boolean;
}

/**
 * Class decorator (TypeScript 5 standard decorators): every own prototype
 * method (not the constructor, getters or setters) runs in a span named
 * `<prefix>.<method>`, as with `@withSpan`.
 *
 * @example
 * ```ts
 * @InstrumentClass({ prefix: 'workflow', spanType: AISpanType.WORKFLOW_STEP })
 * class WorkflowEngine { ... }
 * ```
 */
export function InstrumentClass<TType extends AISpanType>(options: InstrumentClassOptions<TType> = {}) {
  return <TClass extends abstract new (...args: never[]) => unknown>(
    target: TClass,
    context: ClassDecoratorContext<TClass>,
  ): TClass => {
    const prefix = options.prefix ?? String(context.name ?? target.name);
    const excluded = new Set(options.excludeMethods ?? []);
    const prototype = target.prototype as Record<string, unknown>;
    for (const methodName of Object.getOwnPropertyNames(prototype)) {
      if (methodName === 'constructor' || excluded.has(methodName)) continue;
      if (options.methodFilter !== undefined && !options.methodFilter(methodName)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(prototype, methodName);
      if (descriptor === undefined || typeof descriptor.value !== 'function') continue;
      Object.defineProperty(prototype, methodName, {
        ...descriptor,
        value: wrapMethod(descriptor.value as (this: never, ...args: never[]) => unknown, methodName, {
          ...options,
          name: `${prefix}.${methodName}`,
        }),
      });
    }
    return target;
  };
}
