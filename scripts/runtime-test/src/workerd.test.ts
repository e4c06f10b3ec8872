import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLER_CONDITIONS, bundleApp } from './bundle-app';
import { EXPECTED_TREE } from './expected-tree';
import { OtlpReceiver } from './otlp-receiver';
import { binary, cannotRun, PACKAGE_DIRECTORY } from './runtime-binaries';
import { traceTree } from './trace-tree';
import { startWorkerd, type WorkerdServer } from './workerd-server';

const workerd = binary('workerd');
const skipReason = await cannotRun(workerd);
if (skipReason !== undefined) console.warn(`[runtime-test] skipping workerd: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  'a Cloudflare Worker in workerd (2024-09-23, nodejs_compat, bundled like wrangler)',
  () => {
    const receiver = new OtlpReceiver();
    let directory = '';
    let worker: WorkerdServer;

    beforeAll(async () => {
      await receiver.start();
      directory = await mkdtemp(path.join(tmpdir(), 'aitracing-workerd-'));
      await bundleApp(
        path.join(PACKAGE_DIRECTORY, 'apps/worker.ts'),
        path.join(directory, 'worker.js'),
        BUNDLER_CONDITIONS.workerd,
      );
      worker = await startWorkerd(workerd, directory, { RECEIVER_URL: receiver.url });
    });

    afterAll(async () => {
      await worker?.stop();
      await receiver.stop();
      await rm(directory, { recursive: true, force: true });
    });

    // Twice each, alternating: the module-scope instance serves request after request.
    it.each([
      ['await flush() before returning', '/await-flush'],
      ['ctx.waitUntil(observability.flush())', '/wait-until'],
      ['await flush() before returning, again', '/await-flush'],
      ['ctx.waitUntil(observability.flush()), again', '/wait-until'],
    ])('delivers the nested trace with %s', async (_pattern, route) => {
      const response = await fetch(`${worker.url}${route}`);
      const traceId = await response.text();
      expect(response.status, worker.output()).toBe(200);
      if (route === '/await-flush') {
        // flush() resolved before the response: the trace was already at the receiver.
        expect(receiver.flushReport(traceId)).toBeDefined();
      }
      const report = await vi.waitFor(() => {
        const found = receiver.flushReport(traceId);
        if (found === undefined) throw new Error(`no flush report yet\n${worker.output()}`);
        return found;
      });
      expect(traceTree(report.spansAtFlush)).toBe(EXPECTED_TREE);
      expect(report.currentAfterAwait).toBe(true); // AsyncLocalStorage from nodejs_compat, not the browser build
      expect(report.spansAtFlush.every((span) => span.serviceName === 'worker-app')).toBe(true);
    });
  },
);
