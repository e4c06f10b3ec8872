/** OTLP transports: HTTP with protobuf (default), HTTP with JSON, gRPC. */
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** Every protocol, for validation. */
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];
