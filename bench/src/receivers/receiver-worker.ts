import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { countOtlpSpans } from './otlp-span-count';

// An empty ExportTraceServiceResponse: zero bytes of protobuf.
const EMPTY_RESPONSE = Buffer.alloc(0);

/** Totals the receiver reports to the main thread. */
export interface ReceiverTotals {
  requests: number;
  spans: number;
  bytes: number;
  /** Requests whose body was not a valid OTLP protobuf. */
  malformed: number;
}

const totals: ReceiverTotals = { requests: 0, spans: 0, bytes: 0, malformed: 0 };

// Runs in its own thread so that receiving never competes with the exporter's event loop.
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    totals.requests++;
    totals.bytes += body.length;
    const spans = request.headers['content-type']?.includes('protobuf') ? countOtlpSpans(body) : -1;
    if (spans < 0) totals.malformed++;
    else totals.spans += spans;
    response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(EMPTY_RESPONSE);
  });
});
server.keepAliveTimeout = 60_000;

parentPort!.on('message', (message: string) => {
  if (message === 'totals') parentPort!.postMessage({ totals: { ...totals } });
  else if (message === 'reset') {
    totals.requests = 0;
    totals.spans = 0;
    totals.bytes = 0;
    totals.malformed = 0;
    parentPort!.postMessage({ reset: true });
  } else if (message === 'close') server.close(() => parentPort!.postMessage({ closed: true }));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort!.postMessage({ port: typeof address === 'object' && address !== null ? address.port : 0 });
});
