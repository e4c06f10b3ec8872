/**
 * The standard trace every contender records: one agent-run root with ten
 * LLM-generation children, each with the attributes a real app sets (model,
 * provider, a usage object, a finish reason) and a short input or output.
 * Each contender writes the same data in its own API's idiom.
 */
export const CHILDREN_PER_TRACE = 10;

/** Spans in one standard trace (the root and its children). */
export const SPANS_PER_TRACE = CHILDREN_PER_TRACE + 1;

/** Values shared by every contender's version of the trace. */
export const TRACE_DATA = {
  agentName: 'support-agent',
  agentId: 'agent-1',
  maxSteps: 10,
  input: 'Where is my order #1234?',
  rootOutput: 'Your order shipped yesterday.',
  llmName: 'llm-call',
  model: 'gpt-4o-mini',
  provider: 'openai',
  llmOutput: 'The order shipped yesterday.',
  promptTokens: 812,
  completionTokens: 64,
  totalTokens: 876,
  finishReason: 'stop',
} as const;

/**
 * Traces recorded between two yields to the event loop. A real app yields
 * between requests; yielding lets batching processors and exporters drain
 * as they would in production (a synchronous burst of thousands of traces
 * would make queues drop spans and look cheaper than they are).
 */
export const TRACES_PER_TURN = 64;

/** Resolves on the next turn of the event loop (after I/O and immediates). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
