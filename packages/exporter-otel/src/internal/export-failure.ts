import { STATUS_CODES } from 'node:http';

/** Whether a failed export is worth retrying later. */
export type FailureClass = 'retryable' | 'failed';

/** A non-2xx answer of an OTLP/HTTP receiver; the status code decides the retry, never the text. */
export class ExportHttpError extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim());
    this.name = 'ExportHttpError';
    this.status = status;
  }
}

/** The whole request (connect, send, answer, body) did not finish within the export timeout. */
export class ExportTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(timeoutMs: number) {
    super(`export timed out after ${timeoutMs} ms`);
    this.name = 'ExportTimeoutError';
  }
}

// The backend may come back: OTLP's retryable statuses plus 408 and 500.
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

// Network failures that say nothing about the data: try again later.
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'ESOCKETTIMEDOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'Z_BUF_ERROR',
]);

// gRPC codes the OTLP spec calls retryable: CANCELLED, DEADLINE_EXCEEDED,
// RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS.
const RETRYABLE_GRPC_CODES = new Set([1, 4, 8, 10, 11, 14, 15]);

/** Classify an HTTP status that is not 2xx. */
export function classifyHttpStatus(status: number): FailureClass {
  return RETRYABLE_STATUS.has(status) ? 'retryable' : 'failed';
}

/** Classify a request that failed before an answer arrived, by its Node error code. */
export function classifyNetworkError(error: unknown): FailureClass {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code) ? 'retryable' : 'failed';
}

/** Classify the error of an official gRPC exporter by its gRPC status code. */
export function classifyGrpcError(error: unknown): FailureClass {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && RETRYABLE_GRPC_CODES.has(code) ? 'retryable' : 'failed';
}
