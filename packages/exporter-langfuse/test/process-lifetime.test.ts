import { fileURLToPath } from 'node:url';
import { afterEach, describe, it } from 'vitest';
import { LifetimeEndpoints } from '../../exporter-otel/test/lifetime-endpoints';
import { expectCountedAndGone, runScript } from '../../exporter-otel/test/run-script';

// Runs test/fixtures/shutdown-script.{mjs,cjs} in a separate Node process against the built dist
// (`turbo run test` builds it first), exactly as a user's script runs.
const endpoints = new LifetimeEndpoints();

afterEach(() => endpoints.stop());

describe.each(['mjs', 'cjs'])('a plain %s script with LangfuseExporter', (extension) => {
  const script = fileURLToPath(new URL(`./fixtures/shutdown-script.${extension}`, import.meta.url));

  it('runs the code after `await shutdown()` when the receiver answers 500, counts and logs the drop, exits 0', async () => {
    const run = await runScript(script, { ENDPOINT: await endpoints.failing(), SHUTDOWN_MS: '2500' });
    expectCountedAndGone(run, 3);
  });

  it('does the same when the connection is refused', async () => {
    const run = await runScript(script, { ENDPOINT: await endpoints.refusing(), SHUTDOWN_MS: '2500' });
    expectCountedAndGone(run, 3);
  });
});
