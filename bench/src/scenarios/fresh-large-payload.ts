import type { Roster } from '../contenders/roster';
import type { ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { createFreshPayloadPool, FRESH_POOL_SIZE } from '../workload/fresh-payload-pool';
import { runLargePayload } from './large-payload';

/**
 * Scenario 4b: scenario 4's span, but every span gets payload objects
 * whose strings are new to it: a pool of distinct input/output pairs, built
 * before timing, taken in turn. Nothing cached per object or per string
 * (the secret detectors' results) can hit within a pass over the pool, as
 * in traffic where every request brings new text. Same contenders and
 * targets as scenario 4.
 */
export function freshLargePayloadScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  return runLargePayload(roster, mode, {
    id: '4b',
    key: 'large-payload-fresh-strings',
    pairs: createFreshPayloadPool(),
    titleSuffix: `, new strings on every span (${FRESH_POOL_SIZE} pairs in turn)`,
    notes: [
      `Each span takes the next of ${FRESH_POOL_SIZE} input/output pairs built before timing, with scenario 4's ` +
        'keys, nesting, types and exact JSON size; every string of 8 or more characters (the secret detectors ' +
        'skip shorter ones) carries its pair number, so no two pairs share one (repeats inside one payload, ' +
        'such as each tool call\'s "function", stay as in scenario 4). Objects and strings come back ' +
        `every ${FRESH_POOL_SIZE} spans: a cache holding more than one pass over the pool (${FRESH_POOL_SIZE} ` +
        'objects, about 80 distinct strings per pair) could hit from the second pass on.',
      'The pool (~8 MB) is live heap that every major GC marks, for every contender alike.',
    ],
  });
}
