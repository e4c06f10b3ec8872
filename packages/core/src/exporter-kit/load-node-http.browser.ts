import type { NodeHttp } from './load-node-http';

// Browsers post with `fetch`; this build reaches no Node built-in.
export type { NodeHttp };

// Browsers own `user-agent`; sent cross-origin it would also need a CORS preflight allowance.
export const SENDS_USER_AGENT: boolean = false;

/** Always false in the browser build. */
export function isNodeHttpRuntime(): boolean {
  return false;
}

/** Rejects: the browser build has no Node HTTP client (`client: 'node'` fails its posts). */
export function loadNodeHttp(_url: URL, _maxSockets: number): Promise<NodeHttp> {
  return Promise.reject(
    new Error("the browser build of @aitracing/core has no Node HTTP client; use client: 'fetch'"),
  );
}
