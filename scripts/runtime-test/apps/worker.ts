// A Cloudflare Worker (compatibility date 2024-09-23, nodejs_compat), bundled as wrangler bundles it.
import type { Observability } from '@aitracing/core';
import { createObservability, reportFlushed, runAgentTrace } from './agent-trace.ts';

interface Env {
  readonly RECEIVER_URL: string;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

// Module scope: one instance per isolate, reused by every request it serves.
let observability: Observability | undefined;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== '/wait-until' && pathname !== '/await-flush') return new Response(null, { status: 204 });
    observability ??= createObservability(env.RECEIVER_URL, 'worker-app');
    const run = await runAgentTrace(observability, 'context');
    if (pathname === '/wait-until') {
      // Pattern 1: answer at once, deliver after the response within the request's lifetime.
      ctx.waitUntil(
        observability.flush().then(() => reportFlushed(env.RECEIVER_URL, run, 'workerd wait-until')),
      );
      return new Response(run.traceId);
    }
    // Pattern 2: deliver before answering.
    await observability.flush();
    await reportFlushed(env.RECEIVER_URL, run, 'workerd await-flush');
    return new Response(run.traceId);
  },
};
