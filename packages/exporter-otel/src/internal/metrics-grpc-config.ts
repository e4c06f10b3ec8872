import { grpcMetadata, loadGrpc } from './otlp-grpc-transport';
import type { TransportOptions } from './span-transport';

/**
 * The config of OpenTelemetry's OTLP gRPC metric exporter: url, timeout,
 * compression and the headers as gRPC metadata. Loads the optional
 * `@grpc/grpc-js` peer only when there are headers.
 */
export function grpcExporterConfig(options: TransportOptions): Record<string, unknown> {
  const config: Record<string, unknown> = { url: options.url, timeoutMillis: options.exportTimeoutMs };
  if (options.compression === 'gzip') config.compression = 'gzip';
  if (Object.keys(options.headers).length > 0) config.metadata = grpcMetadata(loadGrpc(), options.headers);
  return config;
}
