import {
  Agent,
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the gate does with one data request. */
export type GateAction =
  | { readonly kind: 'pass' }
  | { readonly kind: 'status'; readonly status: number; readonly headers?: () => Record<string, string> }
  | { readonly kind: 'hang' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'slow'; readonly delayMs: number };

/** Chooses the action for the `index`-th data request (0-based) the gate has seen. */
export type GatePolicy = (index: number) => GateAction;

/** Counts of what the gate did, per action kind. */
export interface GateCounts {
  /** Data requests seen (every attempt, retries included) */
  attempts: number;
  passed: number;
  faulted: number;
  /** Connections refused: attempts made while the gate was down are not seen here (see `down`). */
  refusedWindows: number;
}

const PASS: GateAction = { kind: 'pass' };
// Hop-by-hop headers belong to one connection: the gate's own request to the receiver sets its own.
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
];

function forwardedHeaders(req: IncomingMessage, host: string, length: number): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...req.headers, host, 'content-length': String(length) };
  for (const name of HOP_BY_HOP) delete headers[name];
  return headers;
}

/**
 * A loopback HTTP proxy in front of a receiver that injects faults: status
 * codes (with `Retry-After`), hangs, connection resets in the middle of a
 * request body, slow answers, and refused connections (the gate stops
 * listening and comes back on the same port). Requests it passes are
 * forwarded to the receiver unchanged and the answer relayed back.
 *
 * Only data requests (`isDataPath`) are subject to the policy; the rest
 * (agent info, telemetry) always pass.
 */
export class FaultGate {
  readonly counts: GateCounts = { attempts: 0, passed: 0, faulted: 0, refusedWindows: 0 };
  #policy: GatePolicy = () => PASS;
  #policyStart = 0;
  /** `Date.now()` of the last data request, or of coming back up after refusing */
  lastActivityAt = Date.now();
  /** Requests on their way to the receiver (slow ones included) */
  pendingForwards = 0;
  readonly #upstream: URL;
  readonly #isDataPath: (path: string) => boolean;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 32 });
  readonly #sockets = new Set<Socket>();
  readonly #held = new Set<ServerResponse>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #server: Server | undefined;
  #port = 0;

  constructor(upstream: string, isDataPath: (path: string) => boolean) {
    this.#upstream = new URL(upstream);
    this.#isDataPath = isDataPath;
  }

  /** The current policy; its request index starts at 0 when it is set. */
  get policy(): GatePolicy {
    return this.#policy;
  }

  set policy(policy: GatePolicy) {
    this.#policy = policy;
    this.#policyStart = this.counts.attempts;
  }

  /** `http://127.0.0.1:<port>` (the port stays the same across `down`/`up`). */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get isUp(): boolean {
    return this.#server !== undefined;
  }

  /** Start listening (on the same port as before, if any). */
  async up(): Promise<void> {
    if (this.#server !== undefined) return;
    const server = createServer((req, res) => this.#handle(req, res));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    this.lastActivityAt = Date.now();
  }

  /** Stop listening and cut every open connection: new connections are refused until `up()`. */
  async down(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    this.counts.refusedWindows++;
    this.#releaseHeld();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Refuse connections for `ms`, then come back up. Resolves once it is up again. */
  async refuseFor(ms: number): Promise<void> {
    await this.down();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#timers.add(timer);
    });
    await this.up();
  }

  /** Stop for good. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    await this.down();
    this.#agent.destroy();
  }

  /** Answer nothing more to hung requests: cut them. */
  releaseHeld(): void {
    this.#releaseHeld();
  }

  #releaseHeld(): void {
    for (const res of this.#held) res.destroy();
    this.#held.clear();
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    if (!this.#isDataPath(path.split('?')[0] ?? '')) {
      this.#forward(req, res, 0);
      return;
    }
    const index = this.counts.attempts++ - this.#policyStart;
    this.lastActivityAt = Date.now();
    let action: GateAction;
    try {
      action = this.#policy(index);
    } catch {
      action = PASS;
    }
    if (action.kind === 'pass') {
      this.counts.passed++;
      this.#forward(req, res, 0);
      return;
    }
    this.counts.faulted++;
    switch (action.kind) {
      case 'slow':
        // A slow backend still processes the request, even if the client gave up waiting.
        this.#forward(req, res, action.delayMs);
        return;
      case 'status':
        req.resume();
        req.on('end', () => {
          res.writeHead(action.status, { 'content-type': 'text/plain', ...action.headers?.() });
          res.end('injected fault');
        });
        return;
      case 'hang':
        req.resume();
        this.#held.add(res);
        res.on('close', () => this.#held.delete(res));
        return;
      case 'reset':
        // Cut the connection once the body has started to arrive.
        req.once('data', () => req.socket.destroy());
        req.once('end', () => req.socket.destroy());
        return;
    }
  }

  #forward(req: IncomingMessage, res: ServerResponse, delayMs: number): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => {});
    res.on('error', () => {});
    this.pendingForwards++;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      this.pendingForwards--;
      this.lastActivityAt = Date.now();
    };
    req.on('close', () => {
      if (!req.complete) done();
    });
    req.on('end', () => {
      const send = () => {
        const body = Buffer.concat(chunks);
        const upstream = request(
          {
            host: this.#upstream.hostname,
            port: this.#upstream.port,
            method: req.method,
            path: req.url,
            headers: forwardedHeaders(req, this.#upstream.host, body.length),
            agent: this.#agent,
          },
          (answer) => {
            const answerChunks: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
            answer.on('end', () => {
              done();
              if (res.destroyed || res.writableEnded) return;
              const headers: Record<string, unknown> = { ...answer.headers };
              for (const name of HOP_BY_HOP) delete headers[name];
              res
                .writeHead(answer.statusCode ?? 502, headers as Record<string, string>)
                .end(Buffer.concat(answerChunks));
            });
          },
        );
        upstream.on('error', () => {
          done();
          if (!res.destroyed && !res.writableEnded) res.writeHead(502).end('upstream failed');
        });
        upstream.end(body);
      };
      if (delayMs <= 0) {
        send();
        return;
      }
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        send();
      }, delayMs);
      this.#timers.add(timer);
    });
  }
}
