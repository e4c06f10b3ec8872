import { createRequire } from 'node:module';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as HttpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as HttpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SendOutcome } from './batch-queue';
import type { OtlpProtocol } from './otlp-protocol';

/** Where and how the transport sends. */
export interface TransportOptions {
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Record<string, string>;
  readonly exportTimeoutMs: number;
  readonly compression: 'gzip' | 'none';
}

/** Sends batches of converted spans over OTLP with the official OpenTelemetry exporters. */
export interface SpanTransport {
  send(spans: ReadableSpan[]): Promise<SendOutcome>;
  shutdown(): Promise<void>;
}

// Retried after the official exporter's own retries gave up: the backend may
// come back later. Everything else (400, 401, 403, 413, ...) is final.
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
// gRPC status codes that mean "try again later": UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED.
const RETRYABLE_GRPC_CODES = new Set([14, 4, 8, 10]);

/** Whether an export error is worth retrying later. */
export function isRetryableExportError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'number') return RETRYABLE_STATUS.has(code) || RETRYABLE_GRPC_CODES.has(code);
  if (typeof code === 'string') return RETRYABLE_NETWORK_CODES.has(code);
  return typeof message === 'string' && /retryable|timed? ?out|socket hang up|ECONNRE|network/i.test(message);
}

/**
 * The config of an official OTLP gRPC exporter (traces or metrics): url,
 * timeout, compression and the headers as gRPC metadata. Loads the optional
 * `@grpc/grpc-js` peer only when there are headers.
 */
export function grpcExporterConfig(options: TransportOptions): Record<string, unknown> {
  const config: Record<string, unknown> = { url: options.url, timeoutMillis: options.exportTimeoutMs };
  if (options.compression === 'gzip') config.compression = 'gzip';
  if (Object.keys(options.headers).length > 0) {
    const { Metadata } = createRequire(import.meta.url)('@grpc/grpc-js') as {
      Metadata: new () => { set(key: string, value: string): void };
    };
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(options.headers)) metadata.set(key, value);
    config.metadata = metadata;
  }
  return config;
}

function createGrpcExporter(options: TransportOptions): SpanExporter {
  // Optional peer dependencies: only users who choose gRPC install them.
  const { OTLPTraceExporter } = createRequire(import.meta.url)('@opentelemetry/exporter-trace-otlp-grpc') as {
    OTLPTraceExporter: new (config: Record<string, unknown>) => SpanExporter;
  };
  return new OTLPTraceExporter(grpcExporterConfig(options));
}

function createExporter(options: TransportOptions): SpanExporter {
  if (options.protocol === 'grpc') return createGrpcExporter(options);
  const config = {
    url: options.url,
    headers: options.headers,
    timeoutMillis: options.exportTimeoutMs,
    compression: options.compression,
  };
  return options.protocol === 'http/json'
    ? new HttpJsonTraceExporter(config as ConstructorParameters<typeof HttpJsonTraceExporter>[0])
    : new HttpProtobufTraceExporter(config as ConstructorParameters<typeof HttpProtobufTraceExporter>[0]);
}

/**
 * The OTLP transport for the resolved protocol. The official exporter
 * retries 429/502/503/504, timeouts and network errors within the export
 * timeout, honouring `Retry-After`; what still fails is classified for the
 * queue's own retry. Throws only when the gRPC packages are not installed.
 */
export function createOtlpTransport(options: TransportOptions): SpanTransport {
  const exporter = createExporter(options);
  return {
    send(spans) {
      return new Promise<SendOutcome>((resolve) => {
        try {
          exporter.export(spans, (result) => {
            if (result.code === ExportResultCode.SUCCESS) resolve({ status: 'success' });
            else if (isRetryableExportError(result.error))
              resolve({ status: 'retryable', error: result.error });
            else resolve({ status: 'failed', error: result.error });
          });
        } catch (error) {
          resolve({ status: 'failed', error });
        }
      });
    },
    async shutdown() {
      await exporter.shutdown();
    },
  };
}
