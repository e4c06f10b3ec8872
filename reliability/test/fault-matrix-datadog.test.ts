import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatadogChannel, checkDatadogExporter } from '../src/faults/expectations';
import { FAULTS } from '../src/faults/fault-catalogue';
import { runCell } from '../src/faults/run-cell';
import { FAST_PROFILE } from '../src/faults/timing-profile';
import { createSecrets } from '../src/security/secrets';
import { DatadogTarget } from '../src/targets/datadog-target';

const secrets = createSecrets();
const target = new DatadogTarget();

beforeAll(() => target.start());
afterAll(() => target.stop());

// Both channels (LLM Observability span events, APM spans) go through the exporter's own retrying
// queues on core's delivery kit: held to the same row as OTLP — recoverable faults lose nothing,
// rejected and exhausted batches are dropped, counted exactly and logged once.
describe('DatadogExporter (mode both) under every fault (CI timings)', () => {
  it.each(FAULTS.map((fault) => [fault.label, fault] as const))(
    '%s: the app sees no error, neither channel loses anything recoverable, drops are exact and logged once',
    async (_label, fault) => {
      const cell = await runCell(target, fault, FAST_PROFILE, secrets);
      expect(checkDatadogExporter(cell)).toEqual([]);
      expect(checkDatadogChannel(cell, 'apm')).toEqual([]);
      expect(cell.sent).toBeGreaterThan(0);
      if (fault.class !== 'healthy') expect(cell.wireFaulted + (fault.refuse ? 1 : 0)).toBeGreaterThan(0);
      expect(target.agent?.violations).toEqual([]);
    },
  );
});
