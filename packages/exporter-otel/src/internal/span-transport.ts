import type { SendOutcome } from '@aitracing/core/exporter-kit';
import type { OtlpProtocol } from '../otlp-protocol';
import type { OtlpSpan } from '../otlp-span';

/** Where and how the transport sends. */
export interface TransportOptions {
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Record<string, string>;
  /** Bound of one request as a whole: connect, send, answer and its body. */
  readonly exportTimeoutMs: number;
  readonly compression: 'gzip' | 'none';
}

/** Sends one batch of converted spans, once: no retries here (the queue retries). */
export interface SpanTransport {
  /** One attempt, classified: success, retryable (with the backend's Retry-After) or failed. Never rejects. */
  send(spans: readonly OtlpSpan[]): Promise<SendOutcome>;
  /** Abort what is in flight and release sockets and channels. */
  shutdown(): Promise<void>;
}
