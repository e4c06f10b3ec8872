// Process-wide keys (shared by duplicate installs) marking an instance we already wrapped.
const CLIENT_MARK = Symbol.for('aitracing.instrumentation.mcp.client');
const SERVER_MARK = Symbol.for('aitracing.instrumentation.mcp.server');

/** Which side an instance was instrumented as. */
export type MarkKind = 'client' | 'server';

function keyOf(kind: MarkKind): symbol {
  return kind === 'client' ? CLIENT_MARK : SERVER_MARK;
}

/** Whether `target` was already instrumented as `kind`. */
export function isMarked(target: object, kind: MarkKind): boolean {
  return (target as Record<symbol, unknown>)[keyOf(kind)] === true;
}

/** Mark `target` as instrumented (non-enumerable: the app's `Object.keys` do not change). */
export function mark(target: object, kind: MarkKind): void {
  Object.defineProperty(target, keyOf(kind), { value: true, configurable: true });
}

/** Replace `target[name]` on the instance only, non-enumerable like a prototype method. */
export function defineMethod(target: object, name: string, method: unknown): void {
  Object.defineProperty(target, name, { value: method, writable: true, configurable: true });
}
