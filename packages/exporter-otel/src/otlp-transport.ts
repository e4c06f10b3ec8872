import { OtlpGrpcTransport } from './internal/otlp-grpc-transport';
import { OtlpHttpTransport } from './internal/otlp-http-transport';
import type { SpanTransport, TransportOptions } from './internal/span-transport';

export type { SpanTransport, TransportOptions } from './internal/span-transport';

/**
 * The OTLP transport for the resolved protocol, all with our own encoding:
 * the kit's HTTP sender for `http/protobuf` and `http/json`, `@grpc/grpc-js`
 * for `grpc`. Throws only when `@grpc/grpc-js` is not installed.
 */
export function createOtlpTransport(options: TransportOptions): SpanTransport {
  return options.protocol === 'grpc' ? new OtlpGrpcTransport(options) : new OtlpHttpTransport(options);
}
