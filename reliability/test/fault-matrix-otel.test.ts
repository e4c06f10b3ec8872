import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRetryingExporter } from '../src/faults/expectations';
import { FAULTS } from '../src/faults/fault-catalogue';
import { runCell } from '../src/faults/run-cell';
import { FAST_PROFILE } from '../src/faults/timing-profile';
import { createSecrets } from '../src/security/secrets';
import { OtelTarget } from '../src/targets/otel-target';

const secrets = createSecrets();
const target = new OtelTarget();

beforeAll(() => target.start());
afterAll(() => target.stop());

describe('OtelExporter under every fault (CI timings)', () => {
  it.each(FAULTS.map((fault) => [fault.label, fault] as const))(
    '%s: the app sees no error, recoverable faults lose nothing, drops are exact and logged once',
    async (_label, fault) => {
      const cell = await runCell(target, fault, FAST_PROFILE, secrets);
      expect(checkRetryingExporter(cell)).toEqual([]);
      expect(cell.sent).toBeGreaterThan(0);
      if (fault.class !== 'healthy') expect(cell.wireFaulted + (fault.refuse ? 1 : 0)).toBeGreaterThan(0);
    },
  );
});
