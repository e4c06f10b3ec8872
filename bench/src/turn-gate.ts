/**
 * Turns between the processes of one scenario. When run.ts runs every
 * contender of a scenario in a process of its own at the same time, each
 * process asks for a turn before each timed round and says when the round
 * is over; run.ts grants turns one process at a time, in rotation. A burst
 * of load on the shared machine then hits every contender alike (as rounds
 * interleaved in one process did), while no contender shares a heap, a JIT
 * or timers with another. Without a coordinator (a process started by hand)
 * every turn is granted at once.
 */
export interface TurnGate {
  /** Resolves when this process may run its next timed round. */
  begin(): Promise<void>;
  /** The round is over: another process may run. */
  end(): void;
}

const ALWAYS: TurnGate = { begin: () => Promise.resolve(), end() {} };

let gate: TurnGate = ALWAYS;

/** The gate of this process (granted at once unless a coordinator set one). */
export function turnGate(): TurnGate {
  return gate;
}

/**
 * Takes turns from the parent process over the IPC channel: sends `want`,
 * waits for `go`, and sends `done` after the round. Does nothing when the
 * process has no IPC channel.
 */
export function useParentTurns(): void {
  const send = process.send?.bind(process);
  if (send === undefined) return;
  let granted: (() => void) | undefined;
  process.on('message', (message) => {
    if (message === 'go') granted?.();
  });
  // The channel must not keep the process alive once the scenario is done,
  // and a process whose coordinator is gone must not wait for a turn forever.
  process.channel?.unref();
  process.on('disconnect', () => process.exit(1));
  gate = {
    begin: () =>
      new Promise<void>((resolve) => {
        granted = resolve;
        send('want');
      }),
    end: () => {
      send('done');
    },
  };
}
