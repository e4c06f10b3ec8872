/** A tool call the model asked for, arguments as the JSON string it produced. */
export interface RecordedToolCall {
  id: string | undefined;
  name: string | undefined;
  arguments: string;
}

/** The assistant's answer as a generation's output: full text, then the tool calls it asked for. */
export function assistantOutput(content: string, toolCalls: RecordedToolCall[] | undefined): unknown {
  return toolCalls === undefined || toolCalls.length === 0
    ? { role: 'assistant', content }
    : { role: 'assistant', content, toolCalls };
}
