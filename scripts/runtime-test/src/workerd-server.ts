import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

/** The compatibility date we support from: `nodejs_compat` there gives `node:async_hooks`, `Buffer`, `process.env`. */
export const WORKERS_COMPATIBILITY_DATE = '2024-09-23';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** A `workerd serve` process running one bundled Worker. */
export interface WorkerdServer {
  readonly url: string;
  /** Everything workerd printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Serve the bundled `worker.js` in `directory` with workerd, as
 * `wrangler dev` would with `compatibility_date = 2024-09-23` and
 * `compatibility_flags = ["nodejs_compat"]` (plus `extraFlags`), its text
 * bindings set and outbound fetches allowed to loopback. Resolves once the
 * Worker answers.
 */
export async function startWorkerd(
  workerd: string,
  directory: string,
  bindings: Readonly<Record<string, string>>,
  extraFlags: readonly string[] = [],
): Promise<WorkerdServer> {
  const port = await freePort();
  const flags = ['nodejs_compat', ...extraFlags].map((flag) => JSON.stringify(flag)).join(', ');
  const textBindings = Object.entries(bindings)
    .map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`)
    .join(', ');
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .mainWorker),
    (name = "loopback", network = (allow = ["local", "private", "public"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const mainWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${WORKERS_COMPATIBILITY_DATE}",
  compatibilityFlags = [${flags}],
  bindings = [${textBindings}],
  globalOutbound = "loopback",
);
`;
  const configFile = path.join(directory, 'config.capnp');
  await writeFile(configFile, config);
  let output = '';
  const child: ChildProcess = spawn(workerd, ['serve', configFile, '--verbose'], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Ready when the socket accepts; the process ending first is a failure with its output.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}/ready`, { method: 'HEAD' });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
