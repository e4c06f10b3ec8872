import { processGlobal } from '../internal/process-global';
import { mergeAttributes, type SpanContext } from '../internal/span-context';
import type { PropagatedAttributes } from '../types/propagated-attributes';
import { AsyncLocalStorage } from './async-local-storage';

// Its own store beside the current span's (async-context.ts): a scope is not a span, and an
// app that never calls propagateAttributes never activates it (no cost per span or promise).
// Shared by every copy of core in the process, like the span store.
const storage = processGlobal('aitracing.attributeScope', () => new AsyncLocalStorage<SpanContext>());

/**
 * Run `fn` with `attributes` (user, session, tags, metadata, environment,
 * release) applied to every span created inside it — by your code, by the
 * instrumentation packages, after `await`, in timers, `Promise.all` branches
 * and streams consumed later. Nested calls merge: the inner value wins per
 * key, tags add up (de-duplicated, order kept), metadata merges. Values a
 * span sets itself (`startSpan({ userId })`) win.
 *
 * Returns what `fn` returns, unchanged (a promise stays a promise); `fn`'s
 * own errors reach the caller, and nothing else is ever thrown. Hostile
 * values are capped: ids and tags lose control characters and are cut at
 * 200 characters, at most 50 tags are kept.
 *
 * @example
 * ```ts
 * await propagateAttributes({ userId: 'user-42', sessionId: 'chat-7', tags: ['beta'] }, async () => {
 *   await agent.run(question); // every span of the run carries user, session and tags
 * });
 * ```
 */
export function propagateAttributes<TResult>(attributes: PropagatedAttributes, fn: () => TResult): TResult {
  let scope: SpanContext;
  try {
    if (typeof attributes !== 'object' || attributes === null) return fn();
    scope = mergeAttributes(storage.getStore(), attributes);
  } catch {
    // A hostile attributes object (a throwing getter) leaves the scope as it was.
    return fn();
  }
  return storage.run(scope, fn);
}

/**
 * The attributes in force here (set by `propagateAttributes`), merged over
 * every enclosing scope; undefined outside any scope.
 */
export function getPropagatedAttributes(): Readonly<PropagatedAttributes> | undefined {
  const scope = storage.getStore();
  if (scope === undefined) return undefined;
  const attributes: PropagatedAttributes = {};
  if (scope.userId !== undefined) attributes.userId = scope.userId;
  if (scope.sessionId !== undefined) attributes.sessionId = scope.sessionId;
  if (scope.tags !== undefined) attributes.tags = scope.tags;
  if (scope.metadata !== undefined) attributes.metadata = { ...scope.metadata };
  if (scope.environment !== undefined) attributes.environment = scope.environment;
  if (scope.release !== undefined) attributes.release = scope.release;
  return Object.freeze(attributes);
}

/** @internal The scope in force, for span creation: one `getStore()`, no allocation. */
export function currentAttributeScope(): SpanContext | undefined {
  return storage.getStore();
}
