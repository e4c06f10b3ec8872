import type { InternalSpans } from './span-type';

/** Policy-level tracing configuration applied when creating a workflow or agent. */
export interface TracingPolicy {
  /**
   * Bitwise options to set different types of spans as Internal in a workflow
   * or agent execution. Internal spans are hidden by default in exported traces.
   */
  internal?: InternalSpans;
}
