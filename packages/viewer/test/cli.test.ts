import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: packageRoot, encoding: 'utf8' });

describe('the aitracing CLI', () => {
  it('prints its usage for --help, and fails with it for an unknown command', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: aitracing view [--dir <directory>] [--port <port>]');
    const unknown = cli('serve');
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toContain('Usage: aitracing view');
  });

  it('refuses a port that is not one, naming the flag', () => {
    const run = cli('view', '--port', 'eighty');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('aitracing view: --port must be an integer from 0 to 65535, not "eighty"\n');
  });
});
