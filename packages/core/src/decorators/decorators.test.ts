import { describe, expect, it } from 'vitest';
import { getCurrentSpan } from '../context/async-context';
import { LazyQuery } from '../context/lazy-query.fixture';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import { InstrumentClass } from './instrument-class';
import { withSpan } from './with-span';

const exporter = new InMemoryExporter();
const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });

class Agent {
  constructor(readonly greeting: string) {}

  @withSpan({ spanType: AISpanType.LLM_GENERATION, attributes: { model: 'gpt-4o' }, tracing })
  async generate(prompt: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return `${this.greeting}, ${prompt}`;
  }

  @withSpan({ spanType: AISpanType.TOOL_CALL, name: 'count-words', tracing })
  countWords(text: string): number {
    return text.split(' ').length;
  }

  @withSpan({ tracing })
  fail(): never {
    throw new TypeError('bad tool input');
  }

  @withSpan({ spanType: AISpanType.AGENT_RUN, tracing })
  async run(prompt: string): Promise<{ answer: string; words: number; parentSeen: string | undefined }> {
    const answer = await this.generate(prompt);
    return { answer, words: this.countWords(answer), parentSeen: getCurrentSpan()?.name };
  }
}

@InstrumentClass({
  prefix: 'workflow',
  spanType: AISpanType.WORKFLOW_STEP,
  excludeMethods: ['helper'],
  tracing,
})
class Workflow {
  step(value: number): number {
    return this.helper(value) * 2;
  }

  async asyncStep(value: number): Promise<number> {
    return value + 1;
  }

  helper(value: number): number {
    return value;
  }

  load(): LazyQuery<string> {
    return new LazyQuery(['row']);
  }
}

class Repository {
  readonly query = new LazyQuery([{ id: 7 }]);

  @withSpan({ spanType: AISpanType.TOOL_CALL, tracing })
  find(): LazyQuery<{ id: number }> {
    return this.query;
  }
}

describe('decorators', () => {
  it('@withSpan traces sync and async methods with their real this and return values, nested by call', async () => {
    exporter.reset();
    const agent = new Agent('Hello');
    const sync = agent.countWords('one two three');
    expect(sync).toBe(3);
    const result = await agent.run('world');
    expect(result).toEqual({ answer: 'Hello, world', words: 2, parentSeen: 'Agent.run' });
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    const run = spans.find((span) => span.name === 'Agent.run')!;
    const generate = spans.find((span) => span.name === 'Agent.generate')!;
    expect(generate).toMatchObject({
      type: 'llm_generation',
      parentSpanId: run.id,
      input: 'world',
      output: 'Hello, world',
      attributes: { model: 'gpt-4o' },
    });
    expect(spans.filter((span) => span.name === 'count-words').map((span) => span.parentSpanId)).toEqual([
      undefined,
      run.id,
    ]);
  });

  it('@withSpan records a thrown error and rethrows it unchanged; the method keeps its name', async () => {
    exporter.reset();
    const agent = new Agent('Hi');
    expect(() => agent.fail()).toThrow(TypeError);
    expect(Agent.prototype.fail.name).toBe('fail');
    await tracing.flush();
    expect(exporter.getFinishedSpans()[0]).toMatchObject({
      name: 'Agent.fail',
      type: 'generic',
      errorInfo: { name: 'TypeError', message: 'bad tool input' },
    });
  });

  it('@InstrumentClass traces every method except the excluded ones, keeping sync methods sync', async () => {
    exporter.reset();
    const workflow = new Workflow();
    expect(workflow.step(2)).toBe(4);
    await expect(workflow.asyncStep(1)).resolves.toBe(2);
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.type, span.output])).toEqual([
      ['workflow.step', 'workflow_step', 4],
      ['workflow.asyncStep', 'workflow_step', 2],
    ]);
  });

  it('decorated methods returning a lazy query builder run the query once', async () => {
    exporter.reset();
    const repository = new Repository();
    await expect(repository.find()).resolves.toEqual([{ id: 7 }]);
    expect(repository.query.executions).toBe(1);
    await expect(new Workflow().load()).resolves.toEqual(['row']);
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.output])).toEqual([
      ['Repository.find', [{ id: 7 }]],
      ['workflow.load', ['row']],
    ]);
  });
});
