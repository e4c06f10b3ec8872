import { spawn } from 'node:child_process';

/** A process to start: a Node binary and its arguments. */
export interface Command {
  readonly execPath: string;
  readonly args: readonly string[];
}

/** How a process ended. */
export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: string;
}

interface Running {
  readonly events: string[];
  waiter: ((event: string) => void) | undefined;
  ended: Ended;
  send(message: string): void;
}

function push(running: Running, event: string): void {
  const waiter = running.waiter;
  if (waiter === undefined) running.events.push(event);
  else {
    running.waiter = undefined;
    waiter(event);
  }
}

function next(running: Running): Promise<string> {
  const event = running.events.shift();
  if (event !== undefined) return Promise.resolve(event);
  return new Promise((resolve) => {
    running.waiter = resolve;
  });
}

/**
 * Starts the processes at once (loading and setup overlap), waits until
 * all of them are ready, and grants their timed rounds one process at a time, in the order given, round
 * after round (see turn-gate.ts): process A's round, then B's, then C's,
 * then A's again. A process that ends leaves the rotation. Resolves when
 * every process has ended.
 */
export async function runTakingTurns(commands: readonly Command[]): Promise<Ended[]> {
  const all = commands.map((command) => {
    const child = spawn(command.execPath, [...command.args], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const running: Running = {
      events: [],
      waiter: undefined,
      ended: { code: null, signal: null },
      send: (message) => {
        if (child.connected) child.send(message);
      },
    };
    child.on('message', (message) => push(running, String(message)));
    child.on('error', (error) => {
      running.ended = { code: null, signal: null, error: error.message };
      push(running, 'ended');
    });
    // 'close' comes after the IPC channel has delivered every message.
    child.on('close', (code, signal) => {
      running.ended = { ...running.ended, code, signal };
      push(running, 'ended');
    });
    return running;
  });
  // No round starts before every process is loaded and waiting for its first
  // turn: loading (tsx, a library's modules, JIT) is heavy and would weigh on
  // the first rounds of whichever process got ready first.
  const first = await Promise.all(all.map((running) => next(running)));
  for (const [index, running] of all.entries()) running.events.unshift(first[index]!);
  let live = all;
  while (live.length > 0) {
    const still: Running[] = [];
    for (const running of live) {
      let event = await next(running);
      while (event === 'done') event = await next(running);
      if (event === 'ended') continue;
      running.send('go');
      if ((await next(running)) === 'ended') continue;
      still.push(running);
    }
    live = still;
  }
  return all.map((running) => running.ended);
}
