// Public API of @aitracing/core/exporter-kit: the delivery machinery every
// exporter of ours uses, for authors of other exporters.

export type { AttributeValue } from './attribute-value';
export { toAttributeValue, toJsonText } from './attribute-value';
export { basicAuthorization } from './basic-authorization';
export type {
  BatchQueueOptions,
  BatchQueueStats,
  DropReason,
  SendBatch,
  SendOutcome,
} from './batch-queue';
export { BatchQueue } from './batch-queue';
export { DEFAULT_FLUSH_TIMEOUT_MS } from './default-timeout';
export type { FailureClass } from './delivery-failure';
export {
  classifyHttpStatus,
  classifyNetworkError,
  ExportHttpError,
  ExportTimeoutError,
  httpOutcome,
  networkOutcome,
} from './delivery-failure';
export { DEFAULT_MAX_DRAIN_BYTES, drainResponse } from './drain-response';
export { echoEndpoint, endpointProblem, isHttpUrl, safeUrl, suggestedEndpoint } from './endpoint-url';
export { genAiConversationIdOf } from './gen-ai-conversation';
export { genAiOperationOf } from './gen-ai-operation';
export type { HttpSenderOptions } from './http-sender';
export { HttpSender } from './http-sender';
export { describeError, LogOnce, safeLog } from './log-once';
export type { OtlpKeyValueListOptions } from './otlp-key-value-list';
export { parseOtlpKeyValueList } from './otlp-key-value-list';
export { ProtobufWriter } from './protobuf-writer';
export { parseRetryAfter } from './retry-after';
export { runWithoutTracing } from './run-without-tracing';
export { runtimeEnvironment } from './runtime-environment';
export type { PendingWaits } from './settle-within';
export { endWaits, settleWithin } from './settle-within';
