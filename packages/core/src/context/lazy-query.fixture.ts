import type { AnyAISpan } from '../types/tracing';
import { getCurrentSpan } from './async-context';

// Test fixture (not part of the build): shared by the traced() and decorator tests.
/** A query builder like Knex's or Mongoose's: every `then` runs the query again. */
export class LazyQuery<TRow> implements PromiseLike<TRow[]> {
  executions = 0;
  ranUnder: AnyAISpan | undefined;
  constructor(readonly rows: TRow[]) {}
  // biome-ignore lint/suspicious/noThenProperty: a thenable is the point of this fixture
  then<TResult1 = TRow[], TResult2 = never>(
    onFulfilled?: ((value: TRow[]) => TResult1 | PromiseLike<TResult1>) | null,
    onRejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): PromiseLike<TResult1 | TResult2> {
    this.executions++;
    this.ranUnder = getCurrentSpan();
    return Promise.resolve(this.rows.slice()).then(onFulfilled, onRejected);
  }
}
