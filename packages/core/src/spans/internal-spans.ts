import { AISpanType, InternalSpans } from '../types/span-type';

// Which InternalSpans bit hides which span type. Generic spans are never internal.
const FLAG_OF_TYPE: Readonly<Record<AISpanType, InternalSpans>> = {
  [AISpanType.AGENT_RUN]: InternalSpans.AGENT,
  [AISpanType.GENERIC]: InternalSpans.NONE,
  [AISpanType.LLM_GENERATION]: InternalSpans.LLM,
  [AISpanType.LLM_CHUNK]: InternalSpans.LLM,
  [AISpanType.MCP_TOOL_CALL]: InternalSpans.TOOL,
  [AISpanType.TOOL_CALL]: InternalSpans.TOOL,
  [AISpanType.WORKFLOW_RUN]: InternalSpans.WORKFLOW,
  [AISpanType.WORKFLOW_STEP]: InternalSpans.WORKFLOW,
  [AISpanType.WORKFLOW_CONDITIONAL]: InternalSpans.WORKFLOW,
  [AISpanType.WORKFLOW_CONDITIONAL_EVAL]: InternalSpans.WORKFLOW,
  [AISpanType.WORKFLOW_PARALLEL]: InternalSpans.WORKFLOW,
  [AISpanType.WORKFLOW_LOOP]: InternalSpans.WORKFLOW,
  [AISpanType.WORKFLOW_SLEEP]: InternalSpans.WORKFLOW,
  [AISpanType.WORKFLOW_WAIT_EVENT]: InternalSpans.WORKFLOW,
};

/** Whether a span of `type` is internal under the policy bits `flags`. */
export function isInternalSpan(type: AISpanType, flags: number): boolean {
  if (flags === InternalSpans.NONE) return false;
  const flag = FLAG_OF_TYPE[type] ?? InternalSpans.NONE;
  return (flags & flag) !== 0;
}
