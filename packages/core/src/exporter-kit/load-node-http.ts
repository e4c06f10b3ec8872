import type { ClientRequest, Agent as NodeAgent, RequestOptions } from 'node:http';

/** Node's HTTP client as the sender uses it: kept-alive sockets and zlib's gzip. */
export interface NodeHttp {
  readonly request: (url: URL, options: RequestOptions) => ClientRequest;
  readonly agent: NodeAgent;
  readonly gzip: (body: Uint8Array) => Promise<Uint8Array>;
}

/** Whether posts carry the sender's `user-agent` (not from browsers: see `load-node-http.browser.ts`). */
export const SENDS_USER_AGENT: boolean = true;

/**
 * True where Node's `http` is the better client: Node, Bun and Deno (which
 * all say `process.versions.node`). Workers with `nodejs_compat` and Vercel
 * Edge say it too but have no usable `node:http`: they take `fetch`.
 */
export function isNodeHttpRuntime(): boolean {
  const global = globalThis as {
    readonly EdgeRuntime?: unknown;
    readonly navigator?: { readonly userAgent?: string };
  };
  if (global.EdgeRuntime !== undefined || global.navigator?.userAgent === 'Cloudflare-Workers') return false;
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * Loaded on first use, behind `isNodeHttpRuntime()`: the kit loads where
 * `node:` modules do not exist. The `browser` build swaps this file for
 * `load-node-http.browser.ts`, so no Node built-in is reachable from it.
 */
export async function loadNodeHttp(url: URL, maxSockets: number): Promise<NodeHttp> {
  const https = url.protocol === 'https:';
  const [transport, zlib] = await Promise.all([
    https ? import('node:https') : import('node:http'),
    import('node:zlib'),
  ]);
  return {
    request: transport.request as NodeHttp['request'],
    agent: new transport.Agent({ keepAlive: true, maxSockets }),
    gzip: (body) =>
      new Promise((resolve, reject) =>
        zlib.gzip(body, (error, zipped) => (error ? reject(error) : resolve(zipped))),
      ),
  };
}
