import { createOtlpGrpcTransport } from './internal/otlp-grpc-transport';
import { OtlpHttpTransport } from './internal/otlp-http-transport';
import type { SpanTransport, TransportOptions } from './internal/span-transport';

export type { SpanTransport, TransportOptions } from './internal/span-transport';

/**
 * The OTLP transport for the resolved protocol: our own HTTP client for
 * `http/protobuf` and `http/json`, the official exporter for `grpc`. Throws
 * only when the gRPC packages are not installed.
 */
export function createOtlpTransport(options: TransportOptions): SpanTransport {
  return options.protocol === 'grpc' ? createOtlpGrpcTransport(options) : new OtlpHttpTransport(options);
}
