import { AISpanType } from '../types/span-type';

/**
 * The OpenTelemetry GenAI operation of a span type
 * (`gen_ai.operation.name`): `chat` for generations (the span's own
 * `operation` attribute, when set, is more precise), `invoke_agent`,
 * `invoke_workflow`, `execute_tool` for tool and MCP tool calls;
 * `undefined` for the other types. Shared so every OpenTelemetry-shaped
 * exporter names operations alike.
 */
export function genAiOperationOf(type: AISpanType): string | undefined {
  switch (type) {
    case AISpanType.LLM_GENERATION:
      return 'chat';
    case AISpanType.AGENT_RUN:
      return 'invoke_agent';
    case AISpanType.WORKFLOW_RUN:
      return 'invoke_workflow';
    case AISpanType.TOOL_CALL:
    case AISpanType.MCP_TOOL_CALL:
      return 'execute_tool';
    default:
      return undefined;
  }
}
