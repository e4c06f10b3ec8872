import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_LAUNCH_OPTIONS, CHROMIUM_PATH } from '@aitracing/test-support';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLargeStore } from './large-store';
import { runDemo, startCli } from './processes';

// Headless Chromium (Debian's `chromium`, installed by .ci/run) drives the page served by the
// built CLI over the demo's own trace files. Screenshots land in test-results/ (git-ignored).
const artefacts = fileURLToPath(new URL('../test-results/', import.meta.url));
let workDir: string;
let browser: Browser;
const viewers: ChildProcess[] = [];
// No request may leave the machine: anything but the viewer's own origin is collected here.
const foreignRequests: string[] = [];

async function openViewer(directory: string): Promise<Page> {
  const { url, child } = await startCli(directory);
  viewers.push(child);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => {
    if (!request.url().startsWith(url)) foreignRequests.push(request.url());
  });
  await page.goto(url);
  return page;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
    );
  }
  workDir = await mkdtemp(join(tmpdir(), 'aitracing-viewer-'));
  await mkdir(artefacts, { recursive: true });
  browser = await chromium.launch({ ...CHROMIUM_LAUNCH_OPTIONS, args: [...CHROMIUM_LAUNCH_OPTIONS.args] });
});

afterAll(async () => {
  expect(foreignRequests).toEqual([]);
  await browser?.close();
  for (const child of viewers) child.kill('SIGTERM');
  await rm(workDir, { recursive: true, force: true });
});

describe('aitracing view in a browser, over the demo’s traces', () => {
  it('lists the demo’s traces, opens the support agent as a waterfall with the failed tool marked, and searches', async () => {
    const directory = join(workDir, 'demo');
    const printed = await runDemo(directory);
    expect(printed).toContain('See these traces as waterfalls in your browser');
    const page = await openViewer(directory);

    const names = page.locator('#trace-list tbody .trace-name');
    await expect
      .poll(() => names.allTextContents())
      .toEqual(expect.arrayContaining(['support-agent', 'fulfil-order', 'weather-assistant']));
    const supportRow = page.locator('#trace-list tbody tr', { hasText: 'support-agent' });
    await expect.poll(() => supportRow.locator('.status-error').count()).toBe(1);
    await page.screenshot({ path: join(artefacts, 'trace-list.png') });

    await supportRow.click();
    const rows = page.locator('#waterfall-canvas .span-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const failed = page.locator('#waterfall-canvas .span-row.failed');
    await expect.poll(() => failed.first().getAttribute('data-span-name')).toBe('lookup-order');
    expect(await failed.first().textContent()).toContain('✗ failed');
    // The retried lookup that worked is not marked.
    const lookups = page.locator('#waterfall-canvas .span-row[data-span-name="lookup-order"]');
    expect(await lookups.count()).toBe(2);
    expect(await page.locator('#trace-header').textContent()).toMatch(/tokens.*\$0\.\d+/);
    await page.screenshot({ path: join(artefacts, 'waterfall.png') });

    await failed.first().click();
    await expect.poll(() => page.locator('#details .error-box').textContent()).toMatch(/timed out|timeout/i);
    expect(await page.locator('#details .error-box pre').count()).toBe(1); // the stack
    await page.locator('#waterfall-canvas .span-row[data-span-name="plan"]').click();
    await expect.poll(() => page.locator('#details .chat .message').count()).toBeGreaterThan(1);
    expect(await page.locator('#details').textContent()).toMatch(/Time to first token/);
    await page.screenshot({ path: join(artefacts, 'span-details.png') });

    await page.locator('#trace-header a').click();
    await page.locator('#search').fill('fulfil');
    await expect.poll(() => names.allTextContents()).toEqual(['fulfil-order']);
    await page.locator('#search').fill('');
    await page.locator('#errors-only').check();
    await expect.poll(() => names.allTextContents()).toEqual(['support-agent']);
    await page.screenshot({ path: join(artefacts, 'errors-only.png') });
    await page.close();
  });

  it('shows new traces live while the app writes them', async () => {
    const directory = join(workDir, 'live');
    await runDemo(directory);
    const page = await openViewer(directory);
    const rows = page.locator('#trace-list tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // A second run of the app: a new writer, a new file.
    await runDemo(directory);
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(6);
    await page.close();
  });

  it('stays usable with 10,000 traces and a 5,000-span trace: paginated list, virtualised waterfall', async () => {
    const directory = join(workDir, 'large');
    const bigTraceId = await writeLargeStore(directory, 10_000, 5_000);
    const timings: Record<string, number> = {};
    let started = Date.now();
    const page = await openViewer(directory);
    await expect.poll(() => page.locator('#list-meta').textContent()).toMatch(/^10,001 traces/);
    timings.cliStartToListShownMs = Date.now() - started;
    const origin = page.url().split('#')[0]!;
    for (const [name, path] of [
      ['apiFirstPageMs', 'api/traces?limit=100'],
      ['apiSearchMs', 'api/traces?q=request-9999'],
      ['apiBigTraceMs', `api/traces/${bigTraceId}`],
    ] as const) {
      const before = performance.now();
      const response = await fetch(`${origin}${path}`);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      timings[name] = Math.round(performance.now() - before);
    }
    expect(await page.locator('#trace-list tbody tr').count()).toBe(100);

    started = Date.now();
    await page.locator('#search').fill('request-9999');
    await expect
      .poll(() => page.locator('#trace-list tbody .trace-name').allTextContents())
      .toEqual(['request-9999']);
    timings.searchMs = Date.now() - started;

    started = Date.now();
    await page.goto(`${origin}#/trace/${bigTraceId}`);
    await expect.poll(() => page.locator('#trace-header').textContent()).toContain('5,000 spans');
    await expect.poll(() => page.locator('#waterfall-canvas .span-row').count()).toBeGreaterThan(10);
    timings.waterfallShownMs = Date.now() - started;
    // Parallel branches are drawn side by side: two spans that overlap in time overlap on the axis.
    const barOf = (name: string) => page.locator(`.span-row[data-span-name="${name}"] .bar`).boundingBox();
    const [first, second] = [await barOf('llm-1-1'), await barOf('tool-2-1')];
    expect(first!.y).not.toBe(second!.y);
    expect(first!.x < second!.x + second!.width && second!.x < first!.x + first!.width).toBe(true);
    // Only the rows in view (plus a margin) are in the DOM.
    expect(await page.locator('#waterfall-canvas .span-row').count()).toBeLessThan(150);
    started = Date.now();
    await page.locator('#waterfall-scroll').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect
      .poll(() => page.locator('#waterfall-canvas .span-row').last().getAttribute('data-span-name'))
      .toBe('llm-0-500'); // span 5,000: the last to start
    timings.scrollToEndMs = Date.now() - started;
    await page.screenshot({ path: join(artefacts, 'waterfall-5000-spans.png') });
    // Wall-clock figures are recorded for the report, never asserted (shared, busy cores).
    await writeFile(join(artefacts, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    await page.close();
  });
});

describe('trace files written by a crashed app', () => {
  it('are shown without the line cut short', async () => {
    const directory = join(workDir, 'crash');
    await runDemo(directory);
    const [file] = (await readdir(directory)).filter((name) => name.endsWith('.jsonl'));
    await appendFile(join(directory, file!), (await readFile(join(directory, file!), 'utf8')).slice(0, 100));
    const page = await openViewer(directory);
    await expect.poll(() => page.locator('#trace-list tbody tr').count()).toBe(3);
    await page.close();
  });
});
