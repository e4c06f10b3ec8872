import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportedAISpan } from '@aitracing/core';
import { formatTraceRecord } from '@aitracing/exporter-file/store';

const hex = (value: number, length: number) => value.toString(16).padStart(length, '0');

function span(
  traceId: string,
  id: number,
  fields: Omit<Partial<ExportedAISpan>, 'type'> & { name: string; type: string },
): ExportedAISpan {
  return {
    id: hex(id, 16),
    traceId,
    startTime: 0,
    isEvent: false,
    isRootSpan: false,
    ...fields,
  } as unknown as ExportedAISpan;
}

/**
 * Writes `traceCount` small traces (an agent, a generation, a tool; every 10th failing) and one trace of
 * `bigTraceSpans` spans (parallel branches of generations and tools) as trace files, the way the exporter does.
 */
export async function writeLargeStore(
  directory: string,
  traceCount: number,
  bigTraceSpans: number,
): Promise<string> {
  await mkdir(directory, { recursive: true });
  const base = Date.UTC(2026, 0, 1);
  let lines: string[] = [];
  let file = 0;
  const flush = async () => {
    file++;
    await writeFile(
      join(directory, `traces-20260101T000000000Z-${String(file).padStart(6, '0')}-1-0000abcd.jsonl`),
      lines.join(''),
    );
    lines = [];
  };
  for (let t = 0; t < traceCount; t++) {
    const traceId = hex(t + 1, 32);
    const start = base + t * 1000;
    const failed = t % 10 === 0;
    lines.push(
      formatTraceRecord(
        span(traceId, 2, {
          name: 'generate',
          type: 'llm_generation',
          parentSpanId: hex(1, 16),
          startTime: start + 1,
          endTime: start + 40 + (t % 50),
          attributes: {
            model: t % 2 ? 'gpt-4o' : 'claude-sonnet-4',
            usage: { totalTokens: 100 + t },
            cost: { input: 0.001, output: 0.001, total: 0.002, currency: 'USD' },
          },
        }),
        'bench',
      ),
      formatTraceRecord(
        span(traceId, 3, {
          name: 'search-docs',
          type: 'tool_call',
          parentSpanId: hex(1, 16),
          startTime: start + 41,
          endTime: start + 60,
          ...(failed ? { errorInfo: { message: 'timeout' } } : {}),
        }),
        'bench',
      ),
      formatTraceRecord(
        span(traceId, 1, {
          name: `request-${t}`,
          type: 'agent_run',
          isRootSpan: true,
          startTime: start,
          endTime: start + 70 + (t % 50),
          metadata: { userId: `user-${t % 100}` },
        }),
        'bench',
      ),
    );
    if (lines.length >= 30_000) await flush();
  }
  const bigTraceId = 'f'.repeat(32);
  const start = base + traceCount * 1000;
  const branches = 10;
  for (let s = 2; s <= bigTraceSpans; s++) {
    const branch = s % branches;
    const step = Math.floor(s / branches);
    lines.push(
      formatTraceRecord(
        span(bigTraceId, s, {
          name: `${s % 3 === 0 ? 'tool' : 'llm'}-${branch}-${step}`,
          type: s % 3 === 0 ? 'tool_call' : 'llm_generation',
          parentSpanId: hex(1, 16),
          startTime: start + step * 10 + branch,
          endTime: start + step * 10 + branch + 9,
          attributes: { model: 'gpt-4o', completionStartTime: start + step * 10 + branch + 3 },
        }),
        'bench',
      ),
    );
  }
  lines.push(
    formatTraceRecord(
      span(bigTraceId, 1, {
        name: 'big-trace',
        type: 'workflow_run',
        isRootSpan: true,
        startTime: start,
        endTime: start + (bigTraceSpans / branches) * 10 + 20,
      }),
      'bench',
    ),
  );
  await flush();
  return bigTraceId;
}
