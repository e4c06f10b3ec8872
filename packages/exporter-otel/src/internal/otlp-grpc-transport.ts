import { createRequire } from 'node:module';
import type { SendOutcome } from '@aitracing/core/exporter-kit';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { classifyGrpcError } from './grpc-failure';
import type { SpanTransport, TransportOptions } from './span-transport';

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

/**
 * OTLP/gRPC through the official exporter (an optional peer dependency).
 * Its gRPC transport makes one attempt per export; the result is classified
 * by gRPC status code only, and the queue retries. Throws when the gRPC
 * packages are not installed.
 */
export function createOtlpGrpcTransport(options: TransportOptions): SpanTransport {
  // Optional peer dependencies: only users who choose gRPC install them.
  const { OTLPTraceExporter } = createRequire(import.meta.url)('@opentelemetry/exporter-trace-otlp-grpc') as {
    OTLPTraceExporter: new (config: Record<string, unknown>) => SpanExporter;
  };
  const exporter = new OTLPTraceExporter(grpcExporterConfig(options));
  return {
    send(spans: ReadableSpan[]) {
      return new Promise<SendOutcome>((resolve) => {
        try {
          exporter.export(spans, (result) => {
            if (result.code === ExportResultCode.SUCCESS) resolve({ status: 'success' });
            else resolve({ status: classifyGrpcError(result.error), error: result.error } as SendOutcome);
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
