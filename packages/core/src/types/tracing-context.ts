import type { AISpanType } from './span-type';
import type { AISpan } from './tracing';

/** Context for AI tracing that flows through workflow and agent execution. */
export interface TracingContext {
  /** Current AI span for creating child spans and adding metadata */
  currentSpan?: AISpan<AISpanType>;
}

/** Properties returned to the user for working with traces externally. */
export type TracingProperties = {
  /** Trace ID used on the execution (if the execution was traced) */
  traceId?: string;
};

/** Options passed when starting a new agent or workflow execution. */
export interface TracingOptions {
  /** Metadata to add to the root trace span */
  metadata?: Record<string, unknown>;
}
