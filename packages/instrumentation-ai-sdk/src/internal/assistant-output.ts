/** A tool call the model requested, as every aitracing instrumentation records it. */
export interface RecordedToolCall {
  id: string;
  name: string;
  /** The arguments as the JSON string the model produced */
  arguments: string;
}

/** The output of a generation: `{ role: 'assistant', content, toolCalls? }`. */
export interface AssistantOutput {
  role: 'assistant';
  content: string;
  toolCalls?: RecordedToolCall[];
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Tool calls from the AI SDK's own shape (`{ toolCallId, toolName, input }`,
 * v4-era `args` too): input objects are serialised back to the JSON text the
 * model produced; strings are kept as they are.
 */
export function recordedToolCalls(calls: unknown): RecordedToolCall[] | undefined {
  if (!Array.isArray(calls) || calls.length === 0) return undefined;
  const recorded: RecordedToolCall[] = [];
  for (const call of calls) {
    const name = field(call, 'toolName');
    if (typeof name !== 'string') continue;
    const id = field(call, 'toolCallId');
    const input = field(call, 'input') ?? field(call, 'args');
    recorded.push({
      id: typeof id === 'string' ? id : '',
      name,
      arguments: typeof input === 'string' ? input : (JSON.stringify(input ?? {}) ?? '{}'),
    });
  }
  return recorded.length > 0 ? recorded : undefined;
}

/** The generation output for `text` and the requested tool calls. */
export function assistantOutput(text: unknown, toolCalls: unknown): AssistantOutput {
  const output: AssistantOutput = { role: 'assistant', content: typeof text === 'string' ? text : '' };
  const calls = recordedToolCalls(toolCalls);
  if (calls !== undefined) output.toolCalls = calls;
  return output;
}
