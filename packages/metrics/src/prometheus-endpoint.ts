import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AIMetricsCollector } from './metrics-collector';

/** Content type of the Prometheus text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * A Node `http` request handler that answers with the collector's metrics;
 * mount it on your own server (e.g. for `GET /metrics`). Never throws.
 */
export function createPrometheusHandler(
  collector: AIMetricsCollector,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    try {
      const body = collector.toPrometheus();
      res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(body);
    } catch {
      res.writeHead(500).end();
    }
  };
}

/** A running standalone metrics endpoint. */
export interface PrometheusServer {
  /** e.g. `http://127.0.0.1:9464/metrics` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serve the collector's metrics at `path` on a server of its own.
 * @defaultValue port `9464` (the OpenTelemetry Prometheus default), host `127.0.0.1`, path `/metrics`
 */
export async function startPrometheusServer(
  collector: AIMetricsCollector,
  options: { port?: number; host?: string; path?: string } = {},
): Promise<PrometheusServer> {
  const path = options.path ?? '/metrics';
  const handler = createPrometheusHandler(collector);
  // Loaded here, not at the top: the package (and exporter-otel, which uses it) loads on Workers and in browsers.
  const nodeHttp = 'node:http';
  const { createServer } = (await import(nodeHttp)) as typeof import('node:http');
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0] === path) handler(req, res);
    else res.writeHead(404).end();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9464, host, () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
