import type { NodeRuntime } from './node-versions';
import type { ScenarioEntry } from './scenario-list';

/** One process to run: a scenario part on one Node, for one contender or all of them. */
export interface Job {
  readonly entry: ScenarioEntry;
  readonly node: NodeRuntime;
  /** The one contender this process loads and measures (parts split by contender). */
  readonly contender?: string;
  /** Jobs of one batch run at the same time, taking turns for their timed rounds. */
  readonly batch: number;
}

/**
 * The processes of one scenario (all its parts), interleaved: in pass `p`
 * every slot (a contender of a split part, or a whole part) runs once per
 * Node, in an order rotated by `p` (A B C, B C A, C A B, …), so a burst of
 * load on the shared machine, or a slow first process, hits no contender
 * more than another. The processes of one pass of a split part (both Node
 * versions) form one batch: they run at the same time and take turns round
 * by round (see process-turns.ts); any other process is a batch of its own.
 */
export function planJobs(
  group: readonly ScenarioEntry[],
  nodes: readonly NodeRuntime[],
  processes: number,
  splitByContender: boolean,
): Job[] {
  const slots: { entry: ScenarioEntry; contender?: string }[] = group.flatMap((entry) =>
    entry.perContender === undefined || !splitByContender
      ? [{ entry }]
      : entry.perContender.contenders.map((contender) => ({ entry, contender })),
  );
  const passes = Math.max(...group.map((entry) => Math.min(entry.processes ?? processes, processes)));
  const jobs: Job[] = [];
  let batch = 0;
  for (let pass = 0; pass < passes; pass++) {
    const passBatch = batch++;
    for (const node of nodes) {
      for (let index = 0; index < slots.length; index++) {
        const slot = slots[(index + pass) % slots.length]!;
        if (pass >= Math.min(slot.entry.processes ?? processes, processes)) continue;
        jobs.push(
          slot.contender === undefined
            ? { node, entry: slot.entry, batch: batch++ }
            : { node, entry: slot.entry, contender: slot.contender, batch: passBatch },
        );
      }
    }
  }
  return jobs;
}
