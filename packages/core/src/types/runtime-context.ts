/**
 * A Map-like bag of request-scoped values (user id, tenant, environment, ...)
 * handed to custom samplers and config selectors.
 *
 * @example
 * ```ts
 * const runtimeContext = new RuntimeContext([['environment', 'production']]);
 * tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'support', runtimeContext });
 * ```
 */
export class RuntimeContext<Values extends Record<string, unknown> = Record<string, unknown>> {
  readonly #values: Map<keyof Values & string, Values[keyof Values]>;

  /** Create a context, optionally from entries. */
  constructor(entries?: Iterable<readonly [keyof Values & string, Values[keyof Values]]>) {
    this.#values = new Map(entries);
  }

  /** The value stored under `key`, or undefined. */
  get<K extends keyof Values & string>(key: K): Values[K] | undefined {
    return this.#values.get(key) as Values[K] | undefined;
  }

  /** Store `value` under `key`. */
  set<K extends keyof Values & string>(key: K, value: Values[K]): this {
    this.#values.set(key, value);
    return this;
  }

  /** Whether a value is stored under `key`. */
  has(key: keyof Values & string): boolean {
    return this.#values.has(key);
  }

  /** Remove the value stored under `key`. */
  delete(key: keyof Values & string): boolean {
    return this.#values.delete(key);
  }

  /** Remove every value. */
  clear(): void {
    this.#values.clear();
  }

  /** Number of stored values. */
  get size(): number {
    return this.#values.size;
  }

  /** Stored keys, in insertion order. */
  keys(): IterableIterator<keyof Values & string> {
    return this.#values.keys();
  }

  /** Stored values, in insertion order. */
  values(): IterableIterator<Values[keyof Values]> {
    return this.#values.values();
  }

  /** Stored entries, in insertion order. */
  entries(): IterableIterator<[keyof Values & string, Values[keyof Values]]> {
    return this.#values.entries();
  }

  /** Call `callback` for every entry. */
  forEach(callback: (value: Values[keyof Values], key: keyof Values & string) => void): void {
    this.#values.forEach(callback);
  }

  /** Iterate entries. */
  [Symbol.iterator](): IterableIterator<[keyof Values & string, Values[keyof Values]]> {
    return this.#values.entries();
  }

  /** A plain object of the stored values (for logs and span metadata). */
  toJSON(): Partial<Values> {
    return Object.fromEntries(this.#values) as Partial<Values>;
  }
}
