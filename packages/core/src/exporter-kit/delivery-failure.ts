import type { SendOutcome } from './batch-queue';
import { parseRetryAfter } from './retry-after';

/** Whether a failed delivery is worth retrying later. */
export type FailureClass = 'retryable' | 'failed';

// The reasons exporters meet, without `node:http` (absent on Workers and in browsers).
const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A non-2xx answer of a backend; the status code decides the retry, never the text. */
export class ExportHttpError extends Error {
  /** The HTTP status code of the answer. */
  readonly status: number;

  constructor(status: number) {
    super(`HTTP ${status} ${STATUS_TEXT[status] ?? ''}`.trim());
    this.name = 'ExportHttpError';
    this.status = status;
  }
}

/** The whole request (connect, send, answer, body) did not finish within the export timeout. */
export class ExportTimeoutError extends Error {
  /** Classified like a network timeout: retryable. */
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

/** Classify an HTTP status that is not 2xx: 408, 429, 500, 502, 503 and 504 are retryable. */
export function classifyHttpStatus(status: number): FailureClass {
  return RETRYABLE_STATUS.has(status) ? 'retryable' : 'failed';
}

/**
 * Classify a request that failed before an answer arrived, by its Node error
 * code (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`, …: retryable). An error
 * without a known code, e.g. a bug in serialisation, is `failed`. `fetch`
 * wraps the network error: pass its `cause`.
 */
export function classifyNetworkError(error: unknown): FailureClass {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code) ? 'retryable' : 'failed';
}

/**
 * The outcome of one HTTP attempt from the answer's status code: 2xx
 * `success`; a retryable status `retryable`, with the backend's
 * `Retry-After` (seconds or an HTTP-date) when it sent one; any other status
 * `failed`.
 */
export function httpOutcome(status: number, retryAfter?: string | string[] | null): SendOutcome {
  if (status >= 200 && status < 300) return { status: 'success' };
  const error = new ExportHttpError(status);
  if (classifyHttpStatus(status) === 'failed') return { status: 'failed', error };
  const retryAfterMs = parseRetryAfter(retryAfter ?? undefined);
  return retryAfterMs === undefined
    ? { status: 'retryable', error }
    : { status: 'retryable', error, retryAfterMs };
}

/** The outcome of an HTTP attempt that failed before an answer arrived (see {@link classifyNetworkError}). */
export function networkOutcome(error: unknown): SendOutcome {
  return classifyNetworkError(error) === 'retryable'
    ? { status: 'retryable', error }
    : { status: 'failed', error };
}
