import type { SuiteSecrets } from '../security/secrets';
import type { FaultTarget } from '../targets/fault-target';
import { FAULTS, type Fault } from './fault-catalogue';
import { type CellResult, runCell } from './run-cell';
import type { TimingProfile } from './timing-profile';

/** Run `faults` (default: all) against one target, one cell after the other. */
export async function runMatrix(
  target: FaultTarget,
  profile: TimingProfile,
  secrets: SuiteSecrets,
  options: { faults?: readonly Fault[]; onCell?: (cell: CellResult) => void } = {},
): Promise<CellResult[]> {
  const results: CellResult[] = [];
  await target.start();
  try {
    for (const fault of options.faults ?? FAULTS) {
      const cell = await runCell(target, fault, profile, secrets);
      results.push(cell);
      options.onCell?.(cell);
    }
  } finally {
    await target.stop();
  }
  return results;
}
