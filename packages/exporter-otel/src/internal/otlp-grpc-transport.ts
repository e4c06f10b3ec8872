import type { SendOutcome } from '@aitracing/core/exporter-kit';
import type { OtlpSpan } from '../otlp-span';
import { OtlpTraceEncoder } from '../otlp-trace-encoder';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import { classifyGrpcError } from './grpc-failure';
import { requireOptionalPeer } from './require-optional-peer';
import type { SpanTransport, TransportOptions } from './span-transport';

const EXPORT_METHOD = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
// grpc-js's CompressionAlgorithms.gzip.
const GRPC_GZIP = 2;

// The few parts of @grpc/grpc-js we use, typed here: it is an optional peer.
interface GrpcMetadata {
  set(key: string, value: string): void;
}
interface GrpcCall {
  cancel(): void;
}
interface GrpcClient {
  makeUnaryRequest(
    method: string,
    serialize: (value: Buffer) => Buffer,
    deserialize: (value: Buffer) => Buffer,
    argument: Buffer,
    metadata: GrpcMetadata,
    options: { deadline: number },
    callback: (error: (Error & { code?: number }) | null) => void,
  ): GrpcCall;
  close(): void;
}
interface GrpcModule {
  Client: new (target: string, credentials: unknown, options: Record<string, unknown>) => GrpcClient;
  Metadata: new () => GrpcMetadata;
  credentials: { createInsecure(): unknown; createSsl(): unknown };
}

const identity = (value: Buffer): Buffer => value;

/** Load the optional `@grpc/grpc-js` peer; throws when it is not installed. */
export function loadGrpc(): GrpcModule {
  return requireOptionalPeer('@grpc/grpc-js') as GrpcModule;
}

/** Request headers as gRPC metadata (keys lower-cased, as gRPC requires). */
export function grpcMetadata(grpc: GrpcModule, headers: Readonly<Record<string, string>>): GrpcMetadata {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key.toLowerCase(), value);
  return metadata;
}

/**
 * OTLP/gRPC with our own encoding through `@grpc/grpc-js` (an optional
 * peer): one unary `TraceService/Export` call per `send`, bytes in and out
 * untouched, bounded as a whole by a gRPC deadline of `exportTimeoutMs`.
 * The outcome is classified by gRPC status code (CANCELLED,
 * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE,
 * UNAVAILABLE, DATA_LOSS retryable); the queue retries. `https://` URLs use
 * TLS with the system roots, `http://` a plain channel. Throws at
 * construction when `@grpc/grpc-js` is not installed.
 */
export class OtlpGrpcTransport implements SpanTransport {
  readonly #options: TransportOptions;
  readonly #client: GrpcClient;
  readonly #metadata: GrpcMetadata;
  readonly #encoder = new OtlpTraceEncoder();
  readonly #inFlight = new Set<GrpcCall>();
  #closed = false;

  constructor(options: TransportOptions) {
    this.#options = options;
    const grpc = loadGrpc();
    const url = new URL(options.url);
    const secure = url.protocol === 'https:';
    const target = `${url.hostname}:${url.port || (secure ? '443' : '80')}`;
    const channelOptions: Record<string, unknown> = {
      'grpc.primary_user_agent': `${PACKAGE_NAME}/${PACKAGE_VERSION}`,
    };
    if (options.compression === 'gzip') channelOptions['grpc.default_compression_algorithm'] = GRPC_GZIP;
    this.#metadata = grpcMetadata(grpc, options.headers);
    this.#client = new grpc.Client(
      target,
      secure ? grpc.credentials.createSsl() : grpc.credentials.createInsecure(),
      channelOptions,
    );
  }

  send(spans: readonly OtlpSpan[]): Promise<SendOutcome> {
    if (this.#closed)
      return Promise.resolve({ status: 'failed', error: new Error('transport is shut down') });
    let body: Buffer;
    try {
      const bytes = this.#encoder.encodeProtobuf(spans);
      body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      return Promise.resolve({ status: 'failed', error });
    }
    return new Promise<SendOutcome>((resolve) => {
      try {
        const call = this.#client.makeUnaryRequest(
          EXPORT_METHOD,
          identity,
          identity,
          body,
          this.#metadata,
          { deadline: Date.now() + this.#options.exportTimeoutMs },
          (error) => {
            this.#inFlight.delete(call);
            if (error === null) resolve({ status: 'success' });
            else resolve({ status: classifyGrpcError(error), error });
          },
        );
        this.#inFlight.add(call);
      } catch (error) {
        resolve({ status: 'failed', error });
      }
    });
  }

  /** Cancel calls in flight (they settle as CANCELLED) and close the channel. */
  async shutdown(): Promise<void> {
    this.#closed = true;
    for (const call of this.#inFlight) call.cancel();
    this.#inFlight.clear();
    this.#client.close();
  }
}
