import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_LAUNCH_OPTIONS } from '@aitracing/test-support';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLER_CONDITIONS, bundleApp } from './bundle-app';
import { EXPECTED_TREE } from './expected-tree';
import { OtlpReceiver } from './otlp-receiver';
import { CHROMIUM, cannotRun, PACKAGE_DIRECTORY } from './runtime-binaries';
import { traceTree } from './trace-tree';

const skipReason = await cannotRun(CHROMIUM);
if (skipReason !== undefined) console.warn(`[runtime-test] skipping the browser: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  'a web page in headless Chromium (browser build, OTLP/JSON over fetch, CORS)',
  () => {
    const receiver = new OtlpReceiver();
    let pages: Server;
    let pageOrigin = '';
    let browser: Browser | undefined;

    beforeAll(async () => {
      await receiver.start();
      const bundle = path.join(tmpdir(), `aitracing-browser-app-${process.pid}.js`);
      await bundleApp(
        path.join(PACKAGE_DIRECTORY, 'apps/browser-app.ts'),
        bundle,
        BUNDLER_CONDITIONS.browser,
      );
      const script = await readFile(bundle);
      // Another origin than the receiver's (another port): the exporter's posts are cross-origin.
      pages = createServer((request, response) => {
        if (request.url?.startsWith('/app.js')) {
          response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
        } else {
          response
            .writeHead(200, { 'content-type': 'text/html' })
            .end('<!doctype html><title>agent</title><script type="module" src="/app.js"></script>');
        }
      });
      await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
      pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        ...CHROMIUM_LAUNCH_OPTIONS,
        executablePath: CHROMIUM,
        args: [...CHROMIUM_LAUNCH_OPTIONS.args],
      });
    });

    afterAll(async () => {
      await browser?.close();
      pages?.closeAllConnections();
      await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
      await receiver.stop();
    });

    it('has the nested trace (explicit parents) at the receiver when flush() resolves', async () => {
      const page = await (browser as Browser).newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      page.on('console', (message) => problems.push(`console.${message.type()}: ${message.text()}`));
      await page.goto(`${pageOrigin}/?receiver=${encodeURIComponent(receiver.url)}`);
      const result = await page
        .waitForFunction(() => window.aitracingResult)
        .then((handle) => handle.jsonValue());
      expect(result, problems.join('\n')).toHaveProperty('traceId');
      const traceId = (result as { traceId: string }).traceId;
      const report = receiver.flushReport(traceId);
      expect(traceTree(report?.spansAtFlush ?? [])).toBe(EXPECTED_TREE);
      // Documented browser behaviour: the current span lasts for the synchronous part of withSpan only.
      expect(report?.currentBeforeAwait).toBe(true);
      expect(report?.currentAfterAwait).toBe(false);
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
