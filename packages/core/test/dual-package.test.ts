import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
let outDir: string;

// The ESM and CommonJS builds exactly as tsup.config.ts makes them (declarations
// aside), into a temporary folder: what ships, never a stale dist.
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'aitracing-core-dual-'));
  const { default: config } = await import('../tsup.config');
  const options = Array.isArray(config) ? config[0] : config;
  await build({
    ...options,
    entry: {
      index: join(packageRoot, 'src/index.ts'),
      testing: join(packageRoot, 'src/testing/index.ts'),
    },
    outDir,
    dts: false,
    sourcemap: false,
    // No second (rollup) tree-shaking pass rewriting the files after esbuild wrote them: once, on
    // a loaded machine, a script read index.js before that rewrite had finished. Same modules.
    treeshake: false,
    clean: false,
    silent: true,
    tsconfig: join(packageRoot, 'tsconfig.json'),
  });
  // Core's dependencies (the price table) resolve as they would in an install.
  await symlink(join(packageRoot, 'node_modules'), join(outDir, 'node_modules'), 'dir');
}, 120_000);

afterAll(async () => {
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
});

/** Runs an ES module script next to the build; returns its stdout (JSON) and stderr. */
async function runScript(source: string): Promise<{ result: Record<string, unknown>; stderr: string }> {
  const path = join(outDir, `script-${Math.random().toString(16).slice(2)}.mjs`);
  await writeFile(path, source);
  const { stdout, stderr } = await run(process.execPath, [path], { cwd: outDir, env: { ...process.env } });
  return { result: JSON.parse(stdout) as Record<string, unknown>, stderr };
}

describe('one process loading both the ESM and the CommonJS build of core', () => {
  it('shares the current span and the app’s Observability between the two copies', async () => {
    const { result } = await runScript(`
      import { createRequire } from 'node:module';
      import * as esm from './index.js';
      import { InMemoryExporter } from './testing.js';
      const cjs = createRequire(import.meta.url)('./index.cjs');
      const exporter = new InMemoryExporter();
      // The app uses the ESM build...
      const observability = new esm.Observability({ configs: { app: { serviceName: 'svc', exporters: [exporter] } } });
      // ...an instrumentation loaded as CommonJS starts its spans in context.
      const out = { twoCopies: esm.traced !== cjs.traced };
      await cjs.traced({ type: 'agent_run', name: 'handler' }, async (handler) => {
        out.esmSeesCjsSpan = esm.getCurrentSpan() === handler;
        const llm = esm.startSpanInContext({ type: 'llm_generation', name: 'llm' });
        out.cjsSeesEsmSpan = esm.withSpan(llm, () => cjs.getCurrentSpan() === llm);
        llm.end();
        out.headers = esm.injectContext({});
        out.handler = { traceId: handler.traceId, id: handler.id };
      });
      await observability.shutdown();
      out.spans = exporter.getFinishedSpans().map((s) => ({ name: s.name, traceId: s.traceId, parentSpanId: s.parentSpanId }));
      process.stdout.write(JSON.stringify(out));
    `);
    const handler = result.handler as { traceId: string; id: string };
    expect(result).toMatchObject({ twoCopies: true, esmSeesCjsSpan: true, cjsSeesEsmSpan: true });
    expect(result.headers).toEqual({ traceparent: `00-${handler.traceId}-${handler.id}-01` });
    expect(result.spans).toEqual([
      { name: 'llm', traceId: handler.traceId, parentSpanId: handler.id },
      { name: 'handler', traceId: handler.traceId },
    ]);
  });

  it('warns once, saying how to configure, when spans are started in context with nothing set up', async () => {
    const { result, stderr } = await runScript(`
      import { createRequire } from 'node:module';
      import * as esm from './index.js';
      const cjs = createRequire(import.meta.url)('./index.cjs');
      const values = [
        esm.traced({ type: 'generic', name: 'a' }, () => 1),
        cjs.traced({ type: 'generic', name: 'b' }, () => 2),
        esm.startSpanInContext({ type: 'generic', name: 'c' }).isValid,
      ];
      process.stdout.write(JSON.stringify({ values }));
    `);
    expect(result.values).toEqual([1, 2, false]);
    const warnings = stderr.split('\n').filter((line) => line.includes('no tracing is configured'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Observability.*setupAITracing.*tracing/);
  });
});
