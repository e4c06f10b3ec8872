import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeMetricsJson, decodeMetricsProtobuf } from './otlp-proto';

/** One data point as a test reads it, whatever the wire format. */
export interface ReceivedPoint {
  readonly labels: Record<string, string>;
  /** Counter value, or the histogram's sum */
  readonly value: number;
  readonly count?: number;
  readonly bucketCounts?: number[];
  readonly explicitBounds?: number[];
}

/** One metric of a received request. */
export interface ReceivedMetric {
  readonly unit: string;
  readonly kind: 'sum' | 'histogram';
  readonly monotonic: boolean;
  readonly temporality: number;
  readonly points: ReceivedPoint[];
}

/** One request the receiver accepted, decoded with the official definitions. */
export interface ReceivedMetricsRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly request: Record<string, unknown>;
  readonly metrics: Map<string, ReceivedMetric>;
  readonly resource: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function stringLabels(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of (list ?? []) as Array<{ key: string; value: Json }>) {
    out[key] = String(value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue);
  }
  return out;
}

/** The metrics of a decoded request by name. */
export function metricsByName(request: Json): Map<string, ReceivedMetric> {
  const out = new Map<string, ReceivedMetric>();
  for (const resourceMetrics of (request.resourceMetrics ?? []) as Json[]) {
    for (const scopeMetrics of (resourceMetrics.scopeMetrics ?? []) as Json[]) {
      for (const metric of (scopeMetrics.metrics ?? []) as Json[]) {
        const data = (metric.sum ?? metric.histogram) as Json;
        out.set(String(metric.name), {
          unit: String(metric.unit ?? ''),
          kind: metric.sum === undefined ? 'histogram' : 'sum',
          monotonic: data.isMonotonic === true,
          temporality: Number(data.aggregationTemporality),
          points: ((data.dataPoints ?? []) as Json[]).map((point) => ({
            labels: stringLabels(point.attributes),
            value: Number(point.asDouble ?? point.asInt ?? point.sum),
            ...(point.count === undefined
              ? {}
              : {
                  count: Number(point.count),
                  bucketCounts: ((point.bucketCounts ?? []) as unknown[]).map(Number),
                  explicitBounds: (point.explicitBounds ?? []) as number[],
                }),
          })),
        });
      }
    }
  }
  return out;
}

/**
 * A loopback OTLP/HTTP metrics receiver: decodes protobuf or JSON (gzip
 * allowed) with the official opentelemetry-proto definitions, and answers
 * with the statuses it is scripted to (then 200).
 */
export class OtlpMetricsReceiver {
  readonly received: ReceivedMetricsRequest[] = [];
  /** Statuses for the next requests, in order; when empty, requests are accepted. */
  readonly script: Array<{ status: number; headers?: Record<string, string> }> = [];
  attempts = 0;
  #server: Server | undefined;

  /** Start on a free port of 127.0.0.1; returns the base URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.attempts++;
        const scripted = this.script.shift();
        if (scripted !== undefined && scripted.status !== 200) {
          res.writeHead(scripted.status, { 'content-type': 'text/plain', ...scripted.headers }).end('fault');
          return;
        }
        const raw = Buffer.concat(chunks);
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const json = String(req.headers['content-type']).includes('json');
        const request = json ? decodeMetricsJson(body.toString('utf8')) : decodeMetricsProtobuf(body);
        const resourceMetrics = ((request.resourceMetrics ?? []) as Json[])[0];
        this.received.push({
          path: req.url ?? '',
          headers: req.headers,
          request,
          metrics: metricsByName(request),
          resource: stringLabels((resourceMetrics?.resource as Json | undefined)?.attributes),
        });
        res
          .writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' })
          .end(json ? '{}' : '');
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The last request received. */
  get last(): ReceivedMetricsRequest {
    const last = this.received.at(-1);
    if (last === undefined) throw new Error('no metrics request received');
    return last;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
