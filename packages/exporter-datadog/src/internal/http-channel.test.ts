import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogOnce } from '@aitracing/core/exporter-kit';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpChannel } from './http-channel';

// A receiver that stores every line it is sent and answers 200.
let server: Server;
const received: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(...body.split('\n'));
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function channel() {
  const logger = new RecordingLogger();
  const http = new HttpChannel<string>({
    label: 'test',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    limits: {
      maxQueueSize: 1_000,
      maxBatchSize: 1_000,
      scheduledDelayMs: 60_000,
      requestTimeoutMs: 5_000,
      maxRequestBytes: 1_000,
      maxQueueBytes: 1_000,
    },
    maxRetryDurationMs: 10_000,
    sizeOf: (line) => line.length,
    request: (lines) => ({ method: 'POST', headers: {}, body: lines.join('\n') }),
    log: new LogOnce(logger),
  });
  return { http, logger };
}

describe('HttpChannel', () => {
  it('holds at most maxQueueBytes, drops and counts the rest, logs once, and takes more once delivered', async () => {
    const { http, logger } = channel();
    for (let index = 0; index < 15; index++) http.add(`a${String(index).padStart(2, '0')}`.padEnd(100, '.'));
    expect(http.stats).toMatchObject({ accepted: 10, pending: 10, dropped: { queueFull: 5 } });
    expect(logger.at('warn')).toHaveLength(1);
    expect(logger.at('warn')[0]).toContain('1000 bytes');

    await http.flush(5_000);
    expect(received.filter((line) => line.startsWith('a'))).toHaveLength(10);
    http.add('b'.padEnd(100, '.'));
    expect(http.stats).toMatchObject({ accepted: 11, delivered: 10, pending: 1, dropped: { queueFull: 5 } });
    await http.close(5_000);
    expect(http.stats).toMatchObject({ delivered: 11, pending: 0 });
  });
});
