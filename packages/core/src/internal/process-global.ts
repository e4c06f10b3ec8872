/**
 * One value per process, shared by every copy of core loaded into it (the ESM
 * and the CommonJS build side by side, or two installed versions): the value
 * lives on `globalThis` under `Symbol.for(key)`, and the first copy to ask
 * creates it. Keep what is stored there stable across versions: another copy
 * of core may read it.
 */
export function processGlobal<TValue>(key: string, create: () => TValue): TValue {
  const slots = globalThis as unknown as Record<symbol, TValue | undefined>;
  const symbol = Symbol.for(key);
  let value = slots[symbol];
  if (value === undefined) {
    value = create();
    Object.defineProperty(globalThis, symbol, {
      value,
      configurable: true,
      enumerable: false,
      writable: false,
    });
  }
  return value;
}
