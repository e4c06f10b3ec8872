/**
 * The kinds of AI operation a span can describe. The value is what exporters
 * see in `ExportedAISpan.type`.
 */
export enum AISpanType {
  /** Agent run - root span for agent processes */
  AGENT_RUN = 'agent_run',
  /** Generic span for custom operations */
  GENERIC = 'generic',
  /** LLM generation with model calls, token usage, prompts, completions */
  LLM_GENERATION = 'llm_generation',
  /** Individual LLM streaming chunk/event */
  LLM_CHUNK = 'llm_chunk',
  /** MCP (Model Context Protocol) tool execution */
  MCP_TOOL_CALL = 'mcp_tool_call',
  /** Function/tool execution with inputs, outputs, errors */
  TOOL_CALL = 'tool_call',
  /** Workflow run - root span for workflow processes */
  WORKFLOW_RUN = 'workflow_run',
  /** Workflow step execution with step status, data flow */
  WORKFLOW_STEP = 'workflow_step',
  /** Workflow conditional execution with condition evaluation */
  WORKFLOW_CONDITIONAL = 'workflow_conditional',
  /** Individual condition evaluation within conditional */
  WORKFLOW_CONDITIONAL_EVAL = 'workflow_conditional_eval',
  /** Workflow parallel execution */
  WORKFLOW_PARALLEL = 'workflow_parallel',
  /** Workflow loop execution */
  WORKFLOW_LOOP = 'workflow_loop',
  /** Workflow sleep operation */
  WORKFLOW_SLEEP = 'workflow_sleep',
  /** Workflow wait for event operation */
  WORKFLOW_WAIT_EVENT = 'workflow_wait_event',
}

/**
 * Bitwise options to set different types of spans as internal in a workflow or
 * agent execution. Internal spans are hidden from exporters unless
 * `TracingConfig.includeInternalSpans` is set; their visible children are
 * re-parented to the nearest visible ancestor.
 */
export enum InternalSpans {
  /** No spans are marked internal */
  NONE = 0,
  /** Workflow spans are marked internal */
  WORKFLOW = 1 << 0,
  /** Agent spans are marked internal */
  AGENT = 1 << 1,
  /** Tool spans are marked internal */
  TOOL = 1 << 2,
  /** LLM spans are marked internal */
  LLM = 1 << 3,
  /** All spans are marked internal */
  ALL = (1 << 4) - 1,
}
