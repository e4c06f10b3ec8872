import { fileURLToPath } from 'node:url';
import {
  environmentWithout,
  type NodeRun,
  requireBuilt,
  runNode as runNodeProcess,
} from '@aitracing/test-support';

/**
 * Run `fixtures/<script>` in a separate Node process against the built dist,
 * the way a user runs a script, and resolve when it exits on its own.
 * AITRACING_* variables of the test process are not passed on; `env` adds some.
 */
export function runNode(
  script: string,
  options: { args?: readonly string[]; env?: Record<string, string> } = {},
): Promise<NodeRun> {
  requireBuilt(
    new URL('../dist/index.js', import.meta.url),
    'pnpm exec turbo run build --filter=@aitracing/core',
  );
  return runNodeProcess(fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url)), {
    args: options.args ?? [],
    env: environmentWithout(/^AITRACING_/, options.env),
  });
}
