import { describe, expect, it } from 'vitest';
import type { NodeRuntime } from './node-versions';
import { planJobs } from './process-plan';
import type { ScenarioEntry } from './scenario-list';

const node20: NodeRuntime = { label: 'Node 20', execPath: '/node20', version: 'v20.0.0', v8: '11' };
const node24: NodeRuntime = { label: 'Node 24', execPath: '/node24', version: 'v24.0.0', v8: '13' };
const split: ScenarioEntry = {
  id: 1,
  key: 'split',
  reportKey: 'split',
  run: () => Promise.reject(new Error('not run here')),
  perContender: { contenders: ['A', 'B', 'C'], targets: () => [] },
};

describe('planJobs', () => {
  it('runs each contender in its own process, rotated from pass to pass, on every Node', () => {
    const jobs = planJobs([split], [node20, node24], 3, true);
    const order = jobs.map((job) => `${job.node.label === 'Node 20' ? 20 : 24}${job.contender}`);
    expect(order).toEqual([
      ...['20A', '20B', '20C', '24A', '24B', '24C'],
      ...['20B', '20C', '20A', '24B', '24C', '24A'],
      ...['20C', '20A', '20B', '24C', '24A', '24B'],
    ]);
    // One batch per pass: its six processes run together, taking turns.
    expect(jobs.map((job) => job.batch)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
  });

  it('runs a part with a process limit of 1 once, and every contender together when not split', () => {
    const once: ScenarioEntry = { ...split, key: 'once', perContender: undefined, processes: 1 };
    expect(planJobs([once], [node20], 3, true)).toHaveLength(1);
    const together = planJobs([split], [node20], 1, false);
    expect(together).toEqual([{ node: node20, entry: split, batch: 1 }]);
  });
});
