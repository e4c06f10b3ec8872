import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a block's exporter made. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly bytes: number;
}

/**
 * Stands in for every backend a README block may point at (OTLP collector, Langfuse,
 * Datadog agent): it accepts any request on 127.0.0.1 and answers `200 {}`. The blocks
 * prove that the code runs; the exporters' wire formats are proven by their own tests.
 */
export class LoopbackBackend {
  readonly requests: ReceivedRequest[] = [];
  #server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      request.on('end', () => {
        this.requests.push({ method: request.method ?? '', path: request.url ?? '', bytes });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
