import type { AISpanType } from './span-type';

/** Attributes every span type may carry. Custom spans (`GENERIC`) use only these. */
// biome-ignore lint/suspicious/noEmptyInterface: the documented base every attribute interface extends.
export interface AIBaseAttributes {}

/** Final status of a workflow run. */
export type WorkflowRunStatus = 'running' | 'success' | 'failed' | 'suspended' | 'waiting' | 'canceled';

/** Status of one workflow step. */
export type WorkflowStepStatus = 'running' | 'success' | 'failed' | 'suspended' | 'waiting' | 'skipped';

/** Agent Run attributes. */
export interface AgentRunAttributes extends AIBaseAttributes {
  /** Agent identifier */
  agentId: string;
  /** Agent Instructions */
  instructions?: string;
  /** Agent Prompt */
  prompt?: string;
  /** Available tools for this execution */
  availableTools?: string[];
  /** Maximum steps allowed */
  maxSteps?: number;
}

/** Token usage of one LLM generation. Counters are never redacted by the sensitive-data filter. */
export interface LLMUsage {
  /** Every input token, cached ones included (OpenAI's convention) */
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  /** Input tokens read from the provider's prompt cache (included in `promptTokens`) */
  promptCacheHitTokens?: number;
  promptCacheMissTokens?: number;
  /**
   * Input tokens written to the provider's prompt cache (Anthropic's
   * `cache_creation_input_tokens`; included in `promptTokens`)
   */
  promptCacheWriteTokens?: number;
  /** Reasoning tokens (included in `completionTokens` by most providers) */
  reasoningTokens?: number;
}

/** Cost of one LLM generation, set by the cost estimator (or by you). */
export interface LLMCost {
  /** Cost of the prompt tokens (cached ones at the cached price) */
  input: number;
  /** Cost of the completion tokens */
  output: number;
  /** input + output */
  total: number;
  /** ISO 4217 code; the built-in prices are in `'USD'` */
  currency: string;
}

/** Model parameters of one LLM generation. */
export interface LLMParameters {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  seed?: number;
  maxRetries?: number;
}

/** LLM Generation attributes. */
export interface LLMGenerationAttributes extends AIBaseAttributes {
  /** Model name as requested (e.g., 'gpt-4', 'claude-3') */
  model?: string;
  /** Model the provider reports it served, when it differs from the requested `model` */
  responseModel?: string;
  /**
   * What the call did, as OpenTelemetry's `gen_ai.operation.name`: `'chat'`
   * (the default when absent), `'text_completion'` or `'embeddings'`
   */
  operation?: 'chat' | 'text_completion' | 'embeddings';
  /**
   * Epoch milliseconds at which the first streamed content arrived (not when
   * response headers arrived): exporters derive time to first token from it
   */
  completionStartTime?: number;
  /** Model provider (e.g., 'openai', 'anthropic') */
  provider?: string;
  /** Type of result/output this LLM call produced */
  resultType?: 'tool_selection' | 'response_generation' | 'reasoning' | 'planning';
  /** Token usage statistics */
  usage?: LLMUsage;
  /** Model parameters */
  parameters?: LLMParameters;
  /** Whether this was a streaming response */
  streaming?: boolean;
  /**
   * Number of streamed chunks (`LLM_CHUNK` spans) folded into this generation;
   * set by the tracing instance (see `TracingConfig.streamChunks`)
   */
  chunkCount?: number;
  /** Reason the generation finished */
  finishReason?: string;
  /** Cost of the generation: set by the cost estimator from model and usage unless you set it */
  cost?: LLMCost;
  /**
   * The managed prompt this generation was rendered from; exporters link it
   * (Langfuse prompt, Datadog LLM Observability prompt, OTel attributes)
   */
  prompt?: PromptReference;
}

/** A reference to a versioned prompt (e.g. from a prompt registry). */
export interface PromptReference {
  /** Prompt name as in the registry */
  name: string;
  /** Prompt version or label */
  version?: string | number;
  /** Registry id of the prompt version */
  id?: string;
  /** The template before rendering (string or chat messages) */
  template?: unknown;
  /** The variables the template was rendered with */
  variables?: Record<string, unknown>;
}

/** LLM Chunk attributes - for individual streaming chunks/events. */
export interface LLMChunkAttributes extends AIBaseAttributes {
  /** Type of chunk (text-delta, reasoning-delta, tool-call, etc.) */
  chunkType?: string;
  /** Sequence number of this chunk in the stream */
  sequenceNumber?: number;
}

/** Tool Call attributes. */
export interface ToolCallAttributes extends AIBaseAttributes {
  toolId?: string;
  toolType?: string;
  toolDescription?: string;
  success?: boolean;
}

/** MCP Tool Call attributes. */
export interface MCPToolCallAttributes extends AIBaseAttributes {
  /** Id of the MCP tool/function */
  toolId: string;
  /** MCP server identifier */
  mcpServer: string;
  /** MCP server version */
  serverVersion?: string;
  /** Whether tool execution was successful */
  success?: boolean;
}

/** Workflow Run attributes. */
export interface WorkflowRunAttributes extends AIBaseAttributes {
  /** Workflow identifier */
  workflowId: string;
  /** Workflow version */
  workflowVersion?: string;
  /** Workflow run ID */
  runId?: string;
  /** Final workflow execution status */
  status?: WorkflowRunStatus;
}

/** Workflow Step attributes. */
export interface WorkflowStepAttributes extends AIBaseAttributes {
  /** Step identifier */
  stepId?: string;
  /** Step type */
  stepType?: string;
  /** Step status */
  status?: WorkflowStepStatus;
  /** Step execution order */
  stepNumber?: number;
  /** Result store key */
  resultKey?: string;
}

/** Workflow Conditional attributes. */
export interface WorkflowConditionalAttributes extends AIBaseAttributes {
  /** Number of conditions evaluated */
  conditionCount?: number;
  /** Indexes of the conditions that were true */
  truthyIndexes?: number[];
  /** Steps selected to run */
  selectedSteps?: string[];
}

/** Workflow Conditional Evaluation attributes. */
export interface WorkflowConditionalEvalAttributes extends AIBaseAttributes {
  /** Index of this condition in the conditional */
  conditionIndex?: number;
  /** Result of the evaluation */
  result?: boolean;
}

/** Workflow Parallel attributes. */
export interface WorkflowParallelAttributes extends AIBaseAttributes {
  /** Number of parallel branches */
  branchCount?: number;
  /** Steps run in parallel */
  parallelSteps?: string[];
}

/** Workflow Loop attributes. */
export interface WorkflowLoopAttributes extends AIBaseAttributes {
  /** Type of loop */
  loopType?: 'dowhile' | 'dountil' | 'foreach';
  /** Current iteration number (for an iteration span) */
  iteration?: number;
  /** Total iterations (when known) */
  totalIterations?: number;
  /** Number of iterations run concurrently (foreach) */
  concurrency?: number;
}

/** Workflow Sleep attributes. */
export interface WorkflowSleepAttributes extends AIBaseAttributes {
  /** Sleep duration in milliseconds */
  durationMs?: number;
  /** Date to sleep until, as an ISO string or epoch milliseconds */
  untilDate?: string | number;
  /** Kind of sleep */
  sleepType?: 'fixed' | 'dynamic';
}

/** Workflow Wait Event attributes. */
export interface WorkflowWaitEventAttributes extends AIBaseAttributes {
  /** Name of the awaited event */
  eventName?: string;
  /** Timeout in milliseconds */
  timeoutMs?: number;
  /** Whether the event was received before the timeout */
  eventReceived?: boolean;
  /** Time spent waiting, in milliseconds */
  waitDurationMs?: number;
}

/**
 * Mapping of span types to their corresponding attribute interfaces. Defines
 * which attribute interface is used for each span type when creating or
 * processing spans.
 */
export interface AISpanTypeMap {
  [AISpanType.AGENT_RUN]: AgentRunAttributes;
  [AISpanType.WORKFLOW_RUN]: WorkflowRunAttributes;
  [AISpanType.LLM_GENERATION]: LLMGenerationAttributes;
  [AISpanType.LLM_CHUNK]: LLMChunkAttributes;
  [AISpanType.TOOL_CALL]: ToolCallAttributes;
  [AISpanType.MCP_TOOL_CALL]: MCPToolCallAttributes;
  [AISpanType.WORKFLOW_STEP]: WorkflowStepAttributes;
  [AISpanType.WORKFLOW_CONDITIONAL]: WorkflowConditionalAttributes;
  [AISpanType.WORKFLOW_CONDITIONAL_EVAL]: WorkflowConditionalEvalAttributes;
  [AISpanType.WORKFLOW_PARALLEL]: WorkflowParallelAttributes;
  [AISpanType.WORKFLOW_LOOP]: WorkflowLoopAttributes;
  [AISpanType.WORKFLOW_SLEEP]: WorkflowSleepAttributes;
  [AISpanType.WORKFLOW_WAIT_EVENT]: WorkflowWaitEventAttributes;
  [AISpanType.GENERIC]: AIBaseAttributes;
}
