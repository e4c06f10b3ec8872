import { once } from 'node:events';
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { ReceiverTotals } from './receiver-worker';

/** A loopback OTLP/HTTP receiver answering 200 at once, in a worker thread. */
export interface LoopbackReceiver {
  /** `http://127.0.0.1:<port>/v1/traces` */
  readonly url: string;
  /** Requests, spans and bytes received so far. */
  totals(): Promise<ReceiverTotals>;
  /** Zeroes the totals. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

async function ask<T>(worker: Worker, message: string, key: string): Promise<T> {
  worker.postMessage(message);
  for (;;) {
    const [reply] = (await once(worker, 'message')) as [Record<string, unknown>];
    if (key in reply) return reply[key] as T;
  }
}

/** Starts the receiver; it decodes nothing but the span count of each request. */
export async function startLoopbackReceiver(): Promise<LoopbackReceiver> {
  // Node 20 does not pass the TypeScript loader on to workers: the worker registers it itself.
  const entry = JSON.stringify(new URL('./receiver-worker.ts', import.meta.url).href);
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`,
    { eval: true },
  );
  const [ready] = (await once(worker, 'message')) as [{ port: number }];
  return {
    url: `http://127.0.0.1:${ready.port}/v1/traces`,
    totals: () => ask<ReceiverTotals>(worker, 'totals', 'totals'),
    reset: async () => {
      await ask(worker, 'reset', 'reset');
    },
    close: async () => {
      await ask(worker, 'close', 'closed');
      await worker.terminate();
    },
  };
}

/**
 * A loopback URL where nothing listens: a port is bound, then released, so
 * connections are refused at once (a dead backend).
 */
export async function refusingUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}/v1/traces`;
}
