/**
 * How an AI SDK operation becomes spans:
 * - `agent`: `generateText` / `streamText` — an `AGENT_RUN` span for the call,
 *   one `LLM_GENERATION` per model step and one `TOOL_CALL` per tool execution;
 * - `object`: `generateObject` / `streamObject` — one `LLM_GENERATION`;
 * - `embedding`: `embed` / `embedMany` — one `LLM_GENERATION` (operation `embeddings`).
 */
export type OperationKind = 'agent' | 'object' | 'embedding';

const KINDS: Readonly<Record<string, OperationKind>> = {
  'ai.generateText': 'agent',
  'ai.streamText': 'agent',
  'ai.generateObject': 'object',
  'ai.streamObject': 'object',
  'ai.embed': 'embedding',
  'ai.embedMany': 'embedding',
};

/** The kind of an AI SDK operation id (`ai.generateText`, …); undefined for operations not traced. */
export function operationKind(operationId: unknown): OperationKind | undefined {
  return typeof operationId === 'string' && Object.hasOwn(KINDS, operationId)
    ? KINDS[operationId]
    : undefined;
}

/** Whether the operation streams its model output. */
export function isStreamingOperation(operationId: string): boolean {
  return operationId === 'ai.streamText' || operationId === 'ai.streamObject';
}

/** Span name of a generation, after OpenTelemetry's GenAI convention: `chat gpt-4o`, `embeddings text-embedding-3-small`. */
export function generationName(kind: OperationKind, modelId: unknown): string {
  const operation = kind === 'embedding' ? 'embeddings' : 'chat';
  return typeof modelId === 'string' && modelId !== '' ? `${operation} ${modelId}` : operation;
}
