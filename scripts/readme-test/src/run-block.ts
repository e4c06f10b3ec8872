import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentWithout, type NodeRun, runNode } from '@aitracing/test-support';
import type { ReadmeBlock } from './readme-blocks';

/** What a block did when run as a user would run it: its own Node process. */
export type BlockRun = NodeRun;

const GUARD = fileURLToPath(new URL('./loopback-only.mjs', import.meta.url));
const OUR_AND_BACKEND_SETTINGS =
  /^(OTEL_|LANGFUSE_|DD_|DATADOG_|AITRACING_|HONEYCOMB_|NEW_RELIC_|PHOENIX_|GRAFANA_|LANGSMITH_|BRAINTRUST_|NODE_OPTIONS$|VITEST)/i;

/**
 * The environment of every block: the machine's, without any setting of ours or a backend's,
 * then every backend pointed at the loopback fake with placeholder credentials.
 */
export function blockEnvironment(backendUrl: string): NodeJS.ProcessEnv {
  const { hostname, port } = new URL(backendUrl);
  return environmentWithout(OUR_AND_BACKEND_SETTINGS, {
    NODE_ENV: 'development',
    OTEL_EXPORTER_OTLP_ENDPOINT: backendUrl,
    LANGFUSE_PUBLIC_KEY: 'pk-lf-readme-test',
    LANGFUSE_SECRET_KEY: 'sk-lf-readme-test',
    LANGFUSE_BASE_URL: backendUrl,
    HONEYCOMB_API_KEY: 'readme-test',
    NEW_RELIC_LICENSE_KEY: 'readme-test',
    LANGSMITH_API_KEY: 'readme-test',
    BRAINTRUST_API_KEY: 'readme-test',
    PHOENIX_COLLECTOR_ENDPOINT: backendUrl,
    DD_AGENT_HOST: hostname,
    DD_TRACE_AGENT_PORT: port,
    DD_TRACE_AGENT_URL: backendUrl,
    DD_DOGSTATSD_HOST: hostname,
    // dd-trace: nothing besides the spans (no telemetry, remote configuration or profiling traffic).
    DD_REMOTE_CONFIGURATION_ENABLED: 'false',
    DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
    DD_CRASHTRACKING_ENABLED: 'false',
    DD_TRACE_STARTUP_LOGS: 'false',
  });
}

/** A block that uses `require` and no `import` is CommonJS; everything else runs as an ES module. */
function extension(block: ReadmeBlock): string {
  const commonJs = /\brequire\(/.test(block.code) && !/^\s*import\s/m.test(block.code);
  return commonJs ? '.cts' : '.mts';
}

/** Writes the block into `directory` (inside the workspace, so `@aitracing/*` resolve to the built packages) and runs it with tsx. */
export async function runBlock(
  block: ReadmeBlock,
  directory: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<BlockRun> {
  const name = `${block.readme.replace(/[^\w]+/g, '-')}-line-${block.line}${extension(block)}`;
  const file = join(directory, name);
  await writeFile(file, block.code);
  // A backstop against a block that never ends, far above what any block needs.
  return runNode(file, {
    nodeArgs: ['--import', 'tsx', '--import', GUARD],
    cwd: directory,
    env,
    killAfterMs: timeoutMs,
  });
}
