import { fileURLToPath } from 'node:url';
import { afterEach, describe, it } from 'vitest';
import { OtlpReceiver } from '../../exporter-otel/test/otlp-receiver';
import { expectCountedAndGone, runScript } from '../../exporter-otel/test/run-script';

// Runs test/fixtures/shutdown-script.{mjs,cjs} in a separate Node process against the built dist
// (`turbo run test` builds it first), exactly as a user's script runs.
const receivers: OtlpReceiver[] = [];

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function failingReceiver(): Promise<string> {
  const receiver = new OtlpReceiver();
  receivers.push(receiver);
  for (let i = 0; i < 50; i++) receiver.script.push({ kind: 'status', status: 500 });
  return receiver.startHttp();
}

async function refusingEndpoint(): Promise<string> {
  const probe = new OtlpReceiver();
  const endpoint = await probe.startHttp();
  await probe.stop();
  return endpoint;
}

describe.each(['mjs', 'cjs'])('a plain %s script with LangfuseExporter', (extension) => {
  const script = fileURLToPath(new URL(`./fixtures/shutdown-script.${extension}`, import.meta.url));

  it('runs the code after `await shutdown()` when the receiver answers 500, counts and logs the drop, exits 0', async () => {
    const run = await runScript(script, { ENDPOINT: await failingReceiver(), SHUTDOWN_MS: '2500' });
    expectCountedAndGone(run, 3);
  });

  it('does the same when the connection is refused', async () => {
    const run = await runScript(script, { ENDPOINT: await refusingEndpoint(), SHUTDOWN_MS: '2500' });
    expectCountedAndGone(run, 3);
  });
});
