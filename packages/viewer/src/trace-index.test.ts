import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportedAISpan } from '@aitracing/core';
import { formatTraceRecord } from '@aitracing/exporter-file/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TraceIndex } from './trace-index';
import { startViewer, type ViewerServer } from './viewer-server';

let directory: string;
let viewer: ViewerServer | undefined;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'aitracing-index-'));
});

afterEach(async () => {
  await viewer?.close();
  viewer = undefined;
  await rm(directory, { recursive: true, force: true });
});

function span(
  fields: Partial<Omit<ExportedAISpan, 'type'>> & { traceId: string; id: string; name: string; type: string },
): ExportedAISpan {
  return {
    startTime: 1_000,
    endTime: 1_100,
    isEvent: false,
    isRootSpan: false,
    ...fields,
  } as unknown as ExportedAISpan;
}

async function writeTraceFile(name: string, spans: ExportedAISpan[]): Promise<void> {
  const lines = spans.map((entry) => formatTraceRecord(entry, 'support-app')).join('');
  await writeFile(join(directory, `traces-20260101T000000000Z-${name}-1-0000abcd.jsonl`), lines);
}

const agentTrace = (
  traceId: string,
  start: number,
  options: { failed?: boolean; model?: string; cost?: number } = {},
) => [
  span({
    traceId,
    id: `${traceId}-llm`,
    parentSpanId: `${traceId}-root`,
    name: 'answer',
    type: 'llm_generation',
    startTime: start + 1,
    endTime: start + 50,
    attributes: {
      model: options.model ?? 'gpt-4o',
      usage: { promptTokens: 100, completionTokens: 20 },
      cost: { input: 0, output: 0, total: options.cost ?? 0.01, currency: 'USD' },
    },
  }),
  span({
    traceId,
    id: `${traceId}-tool`,
    parentSpanId: `${traceId}-root`,
    name: 'lookup-order',
    type: 'tool_call',
    startTime: start + 2,
    endTime: start + 30,
    ...(options.failed
      ? { errorInfo: { message: 'timed out', stack: 'Error: timed out\n    at lookup' } }
      : {}),
  }),
  span({
    traceId,
    id: `${traceId}-root`,
    name: `agent-${traceId}`,
    type: 'agent_run',
    isRootSpan: true,
    startTime: start,
    endTime: start + 100,
    metadata: { userId: `user-${traceId}`, sessionId: 'session-1' },
  }),
];

describe('TraceIndex', () => {
  it('summarises each trace: status, tokens, cost, user, session, models, newest first', async () => {
    await writeTraceFile('000001', [
      ...agentTrace('a', 1_000, { failed: true }),
      ...agentTrace('b', 5_000, { model: 'claude-sonnet-4' }),
    ]);
    const index = new TraceIndex(directory);
    await index.refresh();
    const page = index.query();
    expect(page.traces.map((trace) => trace.traceId)).toEqual(['b', 'a']);
    expect(page.traces[1]).toMatchObject({
      name: 'agent-a',
      status: 'error',
      durationMs: 100,
      spanCount: 3,
      errorCount: 1,
      tokens: 120,
      cost: 0.01,
      currency: 'USD',
      userId: 'user-a',
      sessionId: 'session-1',
      models: ['gpt-4o'],
    });
    expect(page.models).toEqual(['claude-sonnet-4', 'gpt-4o']);
  });

  it('filters by text, errors, model, minimum cost and duration, and pages', async () => {
    const spans = [];
    for (let i = 0; i < 30; i++)
      spans.push(
        ...agentTrace(`t${i}`, i * 1_000, {
          failed: i % 10 === 0,
          cost: i / 100,
          model: i % 2 ? 'gpt-4o' : 'o3',
        }),
      );
    await writeTraceFile('000001', spans);
    const index = new TraceIndex(directory);
    await index.refresh();
    expect(index.query({ search: 'USER-T29' }).traces.map((trace) => trace.traceId)).toEqual(['t29']);
    expect(index.query({ errorsOnly: true }).traces.map((trace) => trace.traceId)).toEqual([
      't20',
      't10',
      't0',
    ]);
    expect(index.query({ model: 'o3' }).total).toBe(15);
    expect(index.query({ minCost: 0.25 }).total).toBe(5);
    expect(index.query({ minDurationMs: 101 }).total).toBe(0);
    const second = index.query({ offset: 10, limit: 10 });
    expect(second.total).toBe(30);
    expect(second.traces.map((trace) => trace.traceId)[0]).toBe('t19');
  });

  it('shows a trace whose root has not ended as running, then completes it as lines arrive', async () => {
    const [llm, tool, root] = agentTrace('r', 0);
    await writeTraceFile('000001', [llm!, tool!]);
    const index = new TraceIndex(directory);
    await index.refresh();
    expect(index.query().traces[0]).toMatchObject({ status: 'running', name: 'answer' });
    await writeTraceFile('000002', [root!]);
    expect(await index.refresh()).toBe(true);
    expect(index.query().traces[0]).toMatchObject({ status: 'ok', name: 'agent-r', spanCount: 3 });
    const trace = await index.trace('r');
    expect(trace?.spans.map((entry) => entry.name).sort()).toEqual(['agent-r', 'answer', 'lookup-order']);
    expect(trace?.spans[0]?.service).toBe('support-app');
  });

  it('forgets the traces of a file that retention deleted', async () => {
    await writeTraceFile('000001', agentTrace('old', 0));
    await writeTraceFile('000002', agentTrace('new', 1_000));
    const index = new TraceIndex(directory);
    await index.refresh();
    await rm(join(directory, 'traces-20260101T000000000Z-000001-1-0000abcd.jsonl'));
    await index.refresh();
    expect(index.query().traces.map((trace) => trace.traceId)).toEqual(['new']);
  });
});

function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { headers: host === undefined ? {} : { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    call.once('error', reject);
    call.end();
  });
}

describe('startViewer', () => {
  it('serves the page and the API on 127.0.0.1 only to its own host name', async () => {
    await writeTraceFile('000001', agentTrace('a', 0));
    viewer = await startViewer({ directory });
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(viewer.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/app.js">');
    expect(JSON.parse((await get(`${viewer.url}api/traces`)).body).total).toBe(1);
    expect((await get(`${viewer.url}api/traces/missing`)).status).toBe(404);
    // A page on another origin resolving its name to 127.0.0.1 gets nothing.
    expect((await get(`${viewer.url}api/traces`, 'attacker.example')).status).toBe(403);
  });

  it('tells open pages over server-sent events when new spans arrive', async () => {
    viewer = await startViewer({ directory, pollIntervalMs: 20 });
    const events = await fetch(`${viewer.url}api/events`);
    const reader = events.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe('data: 0\n\n');
    await writeTraceFile('000001', agentTrace('a', 0));
    const next = new TextDecoder().decode((await reader.read()).value);
    expect(next).toBe('data: 1\n\n');
    await reader.cancel();
  });
});
