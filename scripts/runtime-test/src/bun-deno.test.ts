import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_TREE } from './expected-tree';
import { OtlpReceiver } from './otlp-receiver';
import { runCommand } from './run-command';
import { binary, cannotRun, PACKAGE_DIRECTORY } from './runtime-binaries';
import { traceTree } from './trace-tree';

// Both run the app from its TypeScript source and load the packages' ESM builds from node_modules.
const runtimes = [
  { name: 'bun', args: ['apps/bun-app.ts'] },
  {
    name: 'deno',
    args: [
      'run',
      '--no-lock',
      '--node-modules-dir=manual',
      '--allow-env',
      '--allow-net',
      '--allow-read',
      'apps/deno-app.ts',
    ],
  },
] as const;

for (const runtime of runtimes) {
  const command = binary(runtime.name);
  const skipReason = await cannotRun(command);
  if (skipReason !== undefined) console.warn(`[runtime-test] skipping ${runtime.name}: ${skipReason}`);

  describe.skipIf(skipReason !== undefined)(`a ${runtime.name} script`, () => {
    const receiver = new OtlpReceiver();
    beforeAll(() => receiver.start());
    afterAll(() => receiver.stop());

    it('has the nested trace at the receiver when flush() resolves, and exits on its own', async () => {
      const result = await runCommand(command, runtime.args, {
        cwd: path.resolve(PACKAGE_DIRECTORY),
        env: { RECEIVER_URL: receiver.url, DENO_NO_UPDATE_CHECK: '1', DO_NOT_TRACK: '1', NO_COLOR: '1' },
      });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toBe(''); // nothing logged: no warning, no error
      const traceId = receiver.spans[0]?.traceId ?? '';
      const report = receiver.flushReport(traceId);
      expect(report?.runtime).toBe(runtime.name);
      expect(traceTree(report?.spansAtFlush ?? [])).toBe(EXPECTED_TREE);
      expect(report?.currentAfterAwait).toBe(true);
    });
  });
}
