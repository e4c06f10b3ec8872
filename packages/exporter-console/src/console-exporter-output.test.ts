import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAgentScenario } from '../test/scenarios';
import { collectingStream, recordingLogger, setup } from '../test/support';
import { ConsoleExporter } from './console-exporter';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ConsoleExporter (json format)', () => {
  it('writes one parseable JSON line per ended span, streamed chunks folded into their generation, without colour', async () => {
    vi.stubEnv('FORCE_COLOR', '1');
    const { output, tracing } = setup({ format: 'json', color: undefined });
    runAgentScenario(tracing);
    await tracing.flush();

    const lines = output.text().trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(output.writes()).toBe(6);
    const spans = lines.map((line) => JSON.parse(line));
    expect(spans.map((span) => span.name)).toEqual([
      'plan',
      'lookup-order',
      'track-parcel',
      'lookup-order',
      'answer',
      'support-agent',
    ]);
    expect(spans.at(-1)).toMatchObject({
      name: 'support-agent',
      isRootSpan: true,
      metadata: { apiKey: '[REDACTED]' },
    });
    expect(spans[0]).toMatchObject({ name: 'plan', attributes: { chunkCount: 3 } });
    expect(spans[1]).toMatchObject({ name: 'lookup-order', errorInfo: { name: 'TimeoutError' } });
    expect(output.text()).not.toContain('\u001b[');
  });

  it('keeps only spans with an error at logLevel warn and error', async () => {
    const { output, tracing } = setup({ format: 'json', logLevel: 'warn' });
    runAgentScenario(tracing);
    await tracing.flush();
    const spans = output
      .text()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      name: 'lookup-order',
      errorInfo: { message: 'order service timed out' },
    });
  });
});

describe('ConsoleExporter (output and failures)', () => {
  it('writes to process.stdout by default and nowhere else when given a stream', async () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const byDefault = new DefaultAITracing({
      serviceName: 'app',
      exporters: [new ConsoleExporter({ color: false })],
    });
    const withStream = setup();
    for (const tracing of [byDefault, withStream.tracing]) {
      tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent', attributes: { agentId: 'a' } }).end();
      await tracing.flush();
    }
    write.mockRestore();

    expect(written).toHaveLength(1);
    expect(written[0]).toContain('agent_run agent');
    expect(withStream.output.text()).toContain('agent_run agent');
  });

  it('never throws when the stream fails, and logs the failure once', async () => {
    const logger = recordingLogger();
    const stream = {
      write: () => {
        throw new Error('disk full');
      },
    };
    const exporter = new ConsoleExporter({ stream, color: false });
    const tracing = new DefaultAITracing({ serviceName: 'app', exporters: [exporter], logger });
    for (let index = 0; index < 3; index++) {
      tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent', attributes: { agentId: 'a' } }).end();
    }
    await tracing.flush();
    expect(logger.messages).toEqual([
      { level: 'error', message: 'console exporter: writing to the output stream failed: Error: disk full' },
    ]);
  });

  it('stops writing to a stream that has ended, and says so once', async () => {
    const { output, logger, tracing } = setup();
    output.stream.end();
    for (let index = 0; index < 2; index++) {
      tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent', attributes: { agentId: 'a' } }).end();
    }
    await tracing.flush();
    expect(logger.messages.filter((entry) => entry.message.includes('stream is closed'))).toHaveLength(1);
  });

  it('returns a resolved promise from exportEvent, whatever the event', async () => {
    const exporter = new ConsoleExporter({ stream: collectingStream().stream });
    await expect(exporter.exportEvent(null as never)).resolves.toBeUndefined();
    await expect(exporter.flush()).resolves.toBeUndefined();
  });
});
