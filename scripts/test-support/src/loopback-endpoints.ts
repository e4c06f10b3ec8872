import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './free-port';

/**
 * Loopback endpoints for delivery that cannot succeed: one that answers 500
 * to every request, one where connections are refused. `stop()` closes what
 * was started (call it after each test).
 */
export class LoopbackEndpoints {
  readonly #servers: Server[] = [];

  /** The base URL of an HTTP server that answers every request with 500. */
  async failing(): Promise<string> {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end('failing on purpose'),
      );
    });
    this.#servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The base URL of a port nothing listens on: connections are refused. */
  async refusing(): Promise<string> {
    return `http://127.0.0.1:${await freePort()}`;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#servers.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }
}
