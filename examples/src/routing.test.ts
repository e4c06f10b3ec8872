import { Writable } from 'node:stream';
import { RuntimeContext } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { configSelector, createRoutedObservability } from './routing';
import { runSupportAgent } from './support-agent';

function collect() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const inEnvironment = (environment: string) => new RuntimeContext([['environment', environment]]);

describe('per-environment routing', () => {
  it('sends production traces as JSON lines and development traces as trees, each whole', async () => {
    const output = collect();
    const observability = createRoutedObservability(output.stream);
    for (const environment of ['production', 'development']) {
      const runtimeContext = inEnvironment(environment);
      await runSupportAgent(
        { startSpan: (options) => observability.startSpan({ ...options, runtimeContext }) },
        'Where is my order 1234?',
      );
      await observability.flush();
    }
    await observability.shutdown();
    const [jsonPart, treePart] = output.text().split(/\n(?=trace )/);
    const spans = (jsonPart ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { name: string; traceId: string });
    expect(spans.at(-1)?.name).toBe('support-agent');
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    expect(treePart).toContain('agent_run support-agent');
  });

  it('falls back to the default instance for unknown environments', () => {
    const observability = createRoutedObservability(collect().stream);
    expect(observability.getSelected({ runtimeContext: inEnvironment('staging') })?.getConfig().name).toBe(
      'development',
    );
    expect(configSelector({ runtimeContext: inEnvironment('production') }, new Map())).toBe('production');
  });
});
