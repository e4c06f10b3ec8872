import { writeFileSync } from 'node:fs';
import { FULL_MODE, SMOKE_MODE } from './run-mode';
import { SCENARIOS } from './scenario-list';
import { useParentTurns } from './turn-gate';

// One scenario in a fresh process (started by run.ts): its heap, JIT state and
// loaded libraries never leak into another scenario's figures.
// Usage: run-scenario.ts <key> <full|smoke> <report.json> [contender name]
const [key, modeName, reportPath, contender] = process.argv.slice(2);
const scenario = SCENARIOS.find((entry) => entry.key === key);
if (scenario === undefined || reportPath === undefined || (modeName !== 'full' && modeName !== 'smoke')) {
  throw new Error('usage: run-scenario.ts <scenario key> <full|smoke> <report.json> [contender name]');
}
// Exporters unref their timers (as they should in an app); this handle keeps the
// process alive while the scenario awaits them, e.g. a shutdown timing out on a dead backend.
const keepAlive = setInterval(() => {}, 60_000);
useParentTurns();
const report = await scenario.run(
  modeName === 'smoke' ? SMOKE_MODE : FULL_MODE,
  contender === undefined ? undefined : [contender],
);
clearInterval(keepAlive);
writeFileSync(reportPath, JSON.stringify(report));
// Sockets of a library that failed to shut down must not keep this process alive.
process.exit(0);
