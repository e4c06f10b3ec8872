import type { FailureClass } from '@aitracing/core/exporter-kit';

// gRPC codes the OTLP spec calls retryable: CANCELLED, DEADLINE_EXCEEDED,
// RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS.
const RETRYABLE_GRPC_CODES = new Set([1, 4, 8, 10, 11, 14, 15]);

/** Classify a failed gRPC call by its status code (`error.code`), never by its message. */
export function classifyGrpcError(error: unknown): FailureClass {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && RETRYABLE_GRPC_CODES.has(code) ? 'retryable' : 'failed';
}
