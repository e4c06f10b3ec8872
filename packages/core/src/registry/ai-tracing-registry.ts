import { AITracingConfigError } from '../errors/config-error';
import { DEFAULT_FLUSH_TIMEOUT_MS } from '../exporter-kit/default-timeout';
import { describeError, LogOnce, safeLog } from '../exporter-kit/log-once';
import { settleWithin } from '../exporter-kit/settle-within';
import type { AITracingLogger } from '../types/logger';
import type { ConfigSelector, ConfigSelectorOptions } from '../types/registry-config';
import type { AITracing } from '../types/tracing';

// How much longer than the timeout an instance may take to settle before the registry stops waiting.
const INSTANCE_GRACE_MS = 1_000;

/**
 * Named tracing instances with a default and an optional selector. Holds no
 * global state: each registry (each `Observability`) is independent, so two
 * in one process never interfere.
 *
 * - The first registered instance is the default unless one is registered
 *   with `isDefault`.
 * - `getSelected` asks the selector for a name; a selector that throws,
 *   returns undefined or an unknown name falls back to the default (a throw or
 *   an unknown name is logged once; undefined is the documented "use the
 *   default").
 * - Unregistering the default makes the earliest remaining instance the default.
 */
export class AITracingRegistry {
  readonly #instances = new Map<string, AITracing>();
  readonly #log: LogOnce;
  #defaultName: string | undefined;
  #selector: ConfigSelector | undefined;

  /** @param logger - where selector failures are reported */
  constructor(logger: AITracingLogger) {
    this.#log = new LogOnce(logger);
  }

  /**
   * Register `instance` under `name`. Throws `AITracingConfigError` when the
   * name is empty or already taken.
   */
  register(name: string, instance: AITracing, isDefault = false): void {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new AITracingConfigError('name', 'must be a non-empty string');
    }
    if (this.#instances.has(name)) {
      throw new AITracingConfigError(`configs.${name}`, 'is registered twice: instance names must be unique');
    }
    if (typeof instance?.startSpan !== 'function') {
      throw new AITracingConfigError(`configs.${name}`, 'must be a TracingConfig or an AITracing instance');
    }
    this.#instances.set(name, instance);
    if (isDefault || this.#defaultName === undefined) this.#defaultName = name;
  }

  /** The instance registered under `name`. */
  get(name: string): AITracing | undefined {
    return this.#instances.get(name);
  }

  /** The default instance, if any is registered. */
  getDefault(): AITracing | undefined {
    return this.#defaultName === undefined ? undefined : this.#instances.get(this.#defaultName);
  }

  /** Name of the default instance. */
  getDefaultName(): string | undefined {
    return this.#defaultName;
  }

  /** Use `selector` to choose the instance of each new trace (undefined removes it). */
  setSelector(selector: ConfigSelector | undefined): void {
    if (selector !== undefined && typeof selector !== 'function') {
      throw new AITracingConfigError('configSelector', 'must be a function');
    }
    this.#selector = selector;
  }

  /**
   * The instance for a new trace: the selector's choice, else the default.
   * Never throws.
   */
  getSelected(options: ConfigSelectorOptions = {}): AITracing | undefined {
    const selector = this.#selector;
    if (selector === undefined) return this.getDefault();
    let name: string | undefined;
    try {
      name = selector(options, this.#instances);
    } catch (error) {
      this.#log.warn(
        'selector-threw',
        'configSelector threw; using the default instance:',
        describeError(error),
      );
      return this.getDefault();
    }
    if (name === undefined || name === null) return this.getDefault();
    const selected = typeof name === 'string' ? this.#instances.get(name) : undefined;
    if (selected === undefined) {
      this.#log.warn(
        `selector-unknown:${String(name).slice(0, 100)}`,
        `configSelector returned "${String(name).slice(0, 100)}", which is not a registered instance; using the default`,
      );
      return this.getDefault();
    }
    return selected;
  }

  /** Remove `name`; returns whether it was registered. The default moves on if needed. */
  unregister(name: string): boolean {
    const removed = this.#instances.delete(name);
    if (removed && this.#defaultName === name) {
      this.#defaultName = this.#instances.keys().next().value;
    }
    return removed;
  }

  /** Whether `name` is registered. */
  has(name: string): boolean {
    return this.#instances.has(name);
  }

  /** Every registered instance by name, in registration order. */
  getAll(): ReadonlyMap<string, AITracing> {
    return new Map(this.#instances);
  }

  /** Flush every instance (each once, even if registered under several names). Always settles. */
  async flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    await this.#forEachOnce('flush', timeoutMs);
  }

  /** Shut every instance down, each once. Always settles within `timeoutMs`. */
  async shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    await this.#forEachOnce('shutdown', timeoutMs);
  }

  /**
   * Empty the registry (every instance, the default and the selector), then
   * shut the instances that were in it down, each once. The names are free
   * again as soon as this is called, so the registry can be set up anew
   * right away. Always settles within `timeoutMs`.
   */
  async shutdownAndClear(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    const instances = new Set(this.#instances.values());
    this.clear();
    await this.#forEachOnce('shutdown', timeoutMs, instances);
  }

  /** Forget every instance and the selector (does not shut them down). */
  clear(): void {
    this.#instances.clear();
    this.#defaultName = undefined;
    this.#selector = undefined;
  }

  async #forEachOnce(
    method: 'flush' | 'shutdown',
    timeoutMs: number,
    unique: ReadonlySet<AITracing> = new Set(this.#instances.values()),
  ): Promise<void> {
    const calls = [...unique].map(async (instance) => {
      try {
        await (method === 'flush' ? instance.flush?.(timeoutMs) : instance.shutdown(timeoutMs));
      } catch (error) {
        safeLog(this.#log.logger, 'warn', `tracing instance ${method} failed:`, [describeError(error)]);
      }
    });
    // Instances settle within `timeoutMs` themselves, after counting what they
    // dropped; this guard only bounds an instance that breaks that contract.
    await settleWithin(Promise.all(calls), timeoutMs + INSTANCE_GRACE_MS);
  }
}
