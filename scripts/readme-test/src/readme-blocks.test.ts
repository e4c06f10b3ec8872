import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackBackend } from './loopback-backend';
import { extractBlocks, readmePaths } from './readme-blocks';
import { blockEnvironment, runBlock } from './run-block';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const root = join(packageRoot, '..', '..');
const BLOCK_TIMEOUT_MS = 120_000;

const blocks = readmePaths(root).flatMap((path) => extractBlocks(root, path));
const backend = new LoopbackBackend();
let directory: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  env = blockEnvironment(await backend.start());
  // Inside this package, so that imports resolve through its node_modules to the workspace packages.
  directory = mkdtempSync(join(packageRoot, '.blocks-'));
});

afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  await backend.stop();
});

describe('README code blocks', () => {
  it('finds the blocks of every README, and every skip says why', () => {
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks.filter((entry) => entry.skip !== undefined)) {
      expect(block.skip, `${block.readme}:${block.line} skip marker without a reason`).not.toBe('');
    }
  });

  it('can import every package a README may name', () => {
    const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    for (const name of readdirSync(join(root, 'packages'))) {
      const { name: packageName } = JSON.parse(
        readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'),
      ) as { name: string };
      expect(
        manifest.devDependencies[packageName],
        `add ${packageName} to scripts/readme-test/package.json`,
      ).toBe('workspace:*');
    }
  });

  for (const block of blocks) {
    const title = `${block.readme}:${block.line} (${block.language})`;
    if (block.skip !== undefined) {
      it.skip(`${title}: ${block.skip}`, () => {});
      continue;
    }
    it(
      `${title} runs to the end without an error or a warning`,
      async () => {
        const run = await runBlock(block, directory, env, BLOCK_TIMEOUT_MS);
        const report = `--- block ---\n${block.code}--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`;
        expect(run.signal, report).toBeNull();
        expect(run.code, report).toBe(0);
        expect(run.stderr, report).toBe('');
      },
      BLOCK_TIMEOUT_MS + 10_000,
    );
  }
});
