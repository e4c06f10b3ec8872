import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestMonitor } from './request-monitor';

let port = 0;
// A port nothing listens on (port 1 may be taken on a shared machine): refused connections.
let closedPort = 0;
let releaseSlow: (() => void) | undefined;
const server = createServer((req, res) => {
  if (req.url === '/evp_proxy/v2/api/v2/llmobs') {
    releaseSlow = () => res.end('{}');
    return;
  }
  res.statusCode = req.url === '/v0.4/traces' ? 200 : 500;
  res.end('{}');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function send(path: string, targetPort = port): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: targetPort, path, method: 'PUT' }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.end('x');
  });
}

describe('RequestMonitor', () => {
  it("counts outcomes of dd-trace's payload requests only", async () => {
    const monitor = new RequestMonitor();
    monitor.start();
    await send('/v0.4/traces');
    await send('/v0.5/traces');
    await send('/unrelated');
    await send('/v0.4/traces', closedPort);
    expect(monitor.counts).toEqual({ succeeded: 1, rejected: 1, failed: 1 });
    monitor.stop();
    await send('/v0.4/traces');
    expect(monitor.counts.succeeded).toBe(1);
  });

  it('reports each request that did not succeed, with its path and status or error code', async () => {
    const failures: unknown[] = [];
    const monitor = new RequestMonitor((failure) => {
      failures.push(failure);
      throw new Error('a throwing listener changes nothing');
    });
    monitor.start();
    await send('/v0.4/traces');
    await send('/v0.5/traces?x=1');
    await send('/v0.4/traces', closedPort);
    monitor.stop();
    expect(failures).toEqual([
      { kind: 'rejected', path: '/v0.5/traces', status: 500 },
      { kind: 'failed', path: '/v0.4/traces', code: 'ECONNREFUSED' },
    ]);
    expect(monitor.counts).toEqual({ succeeded: 1, rejected: 1, failed: 1 });
  });

  it('tells when no payload is in flight', async () => {
    const monitor = new RequestMonitor();
    monitor.start();
    await monitor.idle();
    const seen = monitor.llmobsStarts;
    const sent = send('/evp_proxy/v2/api/v2/llmobs');
    await monitor.llmobsStarted(seen, 5_000);
    expect(monitor.llmobsStarts).toBe(seen + 1);
    let idle = false;
    const waiting = monitor.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idle).toBe(false);
    releaseSlow?.();
    await waiting;
    await sent;
    expect(monitor.counts.succeeded).toBe(1);
    monitor.stop();
  });

  it('stops waiting for a start after the timeout', async () => {
    const monitor = new RequestMonitor();
    monitor.start();
    const before = Date.now();
    await monitor.llmobsStarted(monitor.llmobsStarts, 30);
    expect(Date.now() - before).toBeGreaterThanOrEqual(25);
    monitor.stop();
  });
});
