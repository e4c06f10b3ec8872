import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { staticFile } from './internal/static-files';
import { TraceIndex, type TraceQuery } from './trace-index';

/** Options of {@link startViewer}. */
export interface ViewerOptions {
  /**
   * The trace directory the file exporter writes.
   * @defaultValue `AITRACING_FILE_DIR` or `.aitracing/traces` under `process.cwd()`
   */
  directory?: string;
  /**
   * Port on 127.0.0.1; `0` picks a free one.
   * @defaultValue `0`
   */
  port?: number;
  /**
   * How often the directory is checked for new spans (live updates).
   * @defaultValue `1000`
   */
  pollIntervalMs?: number;
}

/** A running viewer. */
export interface ViewerServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** The directory shown (absolute). */
  readonly directory: string;
  /** The index behind the page. */
  readonly index: TraceIndex;
  /** Stop serving and polling. */
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  // The page loads only its own files and talks only to this server.
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function numberParam(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function queryOf(url: URL): TraceQuery {
  const params = url.searchParams;
  return {
    search: params.get('q') ?? undefined,
    errorsOnly: params.get('errors') === '1',
    model: params.get('model') ?? undefined,
    minCost: numberParam(params.get('minCost')),
    minDurationMs: numberParam(params.get('minDurationMs')),
    offset: numberParam(params.get('offset')),
    limit: numberParam(params.get('limit')),
  };
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  response.end(body);
}

/**
 * Serve the viewer for a trace directory on 127.0.0.1 (never on another
 * interface), with live updates: the directory is polled and open pages are
 * told over server-sent events. Requests whose `Host` is not this loopback
 * address are refused, so no other web page can read your traces (DNS
 * rebinding). Nothing is fetched from the network; the page ships in the
 * package.
 *
 * @example
 * ```ts
 * import { startViewer } from '@aitracing/viewer';
 *
 * const viewer = await startViewer({ directory: '.aitracing/traces' });
 * console.log(`traces at ${viewer.url}`);
 * await viewer.close();
 * ```
 */
export async function startViewer(options: ViewerOptions = {}): Promise<ViewerServer> {
  const fromEnv = process.env.AITRACING_FILE_DIR?.trim();
  const directory = resolve(
    process.cwd(),
    options.directory ?? (fromEnv === undefined || fromEnv === '' ? '.aitracing/traces' : fromEnv),
  );
  const index = new TraceIndex(directory);
  await index.refresh();
  const listeners = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      sendJson(response, 403, { error: 'the viewer answers on its loopback address only' });
      return;
    }
    if (request.method !== 'GET') {
      sendJson(response, 405, { error: 'GET only' });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://viewer.local');
    if (url.pathname === '/api/traces') {
      sendJson(response, 200, { ...index.query(queryOf(url)), directory });
      return;
    }
    if (url.pathname.startsWith('/api/traces/')) {
      const trace = await index.trace(decodeURIComponent(url.pathname.slice('/api/traces/'.length)));
      if (trace === undefined) sendJson(response, 404, { error: 'no such trace' });
      else sendJson(response, 200, trace);
      return;
    }
    if (url.pathname === '/api/events') {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream',
        connection: 'keep-alive',
      });
      response.write(`data: ${index.version}\n\n`);
      listeners.add(response);
      request.once('close', () => listeners.delete(response));
      return;
    }
    const file = await staticFile(url.pathname);
    if (file === undefined) {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type });
    response.end(file.body);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    index
      .refresh()
      .then((changed) => {
        if (!changed) return;
        for (const listener of listeners) listener.write(`data: ${index.version}\n\n`);
      })
      .catch(() => undefined)
      .finally(() => {
        polling = false;
      });
  }, options.pollIntervalMs ?? 1_000);

  return {
    url: `http://127.0.0.1:${port}/`,
    directory,
    index,
    close: () =>
      new Promise<void>((resolveClose) => {
        clearInterval(timer);
        for (const listener of listeners) listener.end();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
