import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLER_CONDITIONS, bundleApp } from './bundle-app';
import { OtlpReceiver } from './otlp-receiver';
import { binary, cannotRun, PACKAGE_DIRECTORY } from './runtime-binaries';
import { traceTree } from './trace-tree';
import { startWorkerd, type WorkerdServer } from './workerd-server';

const workerd = binary('workerd');
const skipReason = await cannotRun(workerd);
if (skipReason !== undefined) console.warn(`[runtime-test] skipping the edge route: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  "examples/src/edge-route.ts (runtime = 'edge'), edge-light bundle in workerd",
  () => {
    const receiver = new OtlpReceiver();
    let directory = '';
    let server: WorkerdServer;

    beforeAll(async () => {
      await receiver.start();
      directory = await mkdtemp(path.join(tmpdir(), 'aitracing-edge-route-'));
      await bundleApp(
        path.join(PACKAGE_DIRECTORY, 'apps/edge-route-worker.ts'),
        path.join(directory, 'worker.js'),
        BUNDLER_CONDITIONS.edgeLight,
        { resolveDirectory: path.join(PACKAGE_DIRECTORY, 'src') },
      );
      // Vercel Edge has process.env filled from the project's variables; workerd does with this flag.
      server = await startWorkerd(workerd, directory, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, [
        'nodejs_compat_populate_process_env',
      ]);
    });

    afterAll(async () => {
      await server?.stop();
      await receiver.stop();
      await rm(directory, { recursive: true, force: true });
    });

    it('answers, with its trace at the receiver by the time the response arrives', async () => {
      const response = await fetch(server.url, {
        method: 'POST',
        body: JSON.stringify({ question: 'Where is my order?' }),
      });
      expect(response.status, server.output()).toBe(200);
      const { answer, traceId } = (await response.json()) as { answer: string; traceId: string };
      expect(answer).toBe('You asked: Where is my order?');
      const spans = receiver.spans.filter((span) => span.traceId === traceId);
      expect(traceTree(spans)).toBe(['invoke_agent support-agent', '  chat gpt-4o-mini'].join('\n'));
      expect(spans.every((span) => span.serviceName === 'edge-route')).toBe(true);
    });
  },
);
