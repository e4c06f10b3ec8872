import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportTimeoutError } from './delivery-failure';
import { HttpSender } from './http-sender';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

const servers: Server[] = [];
const senders: HttpSender[] = [];

async function listen(handler: Handler): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ headers: request.headers, body });
      handler(request, response, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, received };
}

function sender(options: ConstructorParameters<typeof HttpSender>[0]): HttpSender {
  const created = new HttpSender(options);
  senders.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.shutdown()));
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

describe.each(['node', 'fetch'] as const)('HttpSender (%s client)', (client) => {
  it('posts the body with its headers and reports success on 2xx', async () => {
    const { url, received } = await listen((_request, response) => response.writeHead(200).end('{}'));
    const outcome = await sender({
      url,
      client,
      timeoutMs: 5_000,
      headers: { authorization: 'Bearer secret' },
      userAgent: 'test-agent/1',
    }).post(Uint8Array.of(1, 2, 3), 'application/x-protobuf');
    expect(outcome).toEqual({ status: 'success' });
    expect([...received[0]!.body]).toEqual([1, 2, 3]);
    expect(received[0]!.headers).toMatchObject({
      authorization: 'Bearer secret',
      'content-type': 'application/x-protobuf',
      'user-agent': 'test-agent/1',
    });
  });

  it('gzips the body when asked, with content-encoding', async () => {
    const { url, received } = await listen((_request, response) => response.writeHead(200).end());
    const outcome = await sender({ url, client, timeoutMs: 5_000, compression: 'gzip' }).post(
      '{"resourceSpans":[]}',
      'application/json',
    );
    expect(outcome.status).toBe('success');
    expect(received[0]!.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(received[0]!.body).toString()).toBe('{"resourceSpans":[]}');
  });

  it('classifies 503 with Retry-After as retryable, 400 as failed, and never leaks a header value', async () => {
    let status = 503;
    const { url } = await listen((_request, response) =>
      response.writeHead(status, { 'retry-after': '7' }).end('busy'),
    );
    const http = sender({ url, client, timeoutMs: 5_000, headers: { 'x-api-key': 'sk-very-secret' } });
    const retryable = await http.post('x', 'text/plain');
    expect(retryable).toMatchObject({ status: 'retryable', retryAfterMs: 7_000 });
    status = 400;
    const failed = await http.post('x', 'text/plain');
    expect(failed.status).toBe('failed');
    expect(String((failed as { error: unknown }).error)).not.toContain('sk-very-secret');
  });

  it('bounds the whole request: an answer that never comes is a retryable timeout', async () => {
    const { url } = await listen((_request, response) => response.writeHead(200)); // headers, never a body end
    const outcome = await sender({ url, client, timeoutMs: 300 }).post('x', 'text/plain');
    expect(outcome.status).toBe('retryable');
    expect((outcome as { error: unknown }).error).toBeInstanceOf(ExportTimeoutError);
  });

  it('reports a refused connection as retryable', async () => {
    const { url } = await listen(() => {});
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const outcome = await sender({ url, client, timeoutMs: 5_000 }).post('x', 'text/plain');
    expect(outcome.status).toBe('retryable');
  });

  it('shutdown settles a request in flight at once and later posts fail without sending', async () => {
    const { url, received } = await listen(() => {}); // never answers
    const http = sender({ url, client, timeoutMs: 60_000 });
    const pending = http.post('x', 'text/plain');
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await http.shutdown();
    expect((await pending).status).not.toBe('success');
    expect((await http.post('y', 'text/plain')).status).toBe('failed');
    expect(received).toHaveLength(1);
  });
});
