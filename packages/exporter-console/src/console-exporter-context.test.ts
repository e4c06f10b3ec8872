import { AISpanType, propagateAttributes } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { setup } from '../test/support';

function runScopedTrace(tracing: ReturnType<typeof setup>['tracing']) {
  return propagateAttributes({ userId: 'user-42', sessionId: 'chat-7', tags: ['beta', 'vip'] }, () => {
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'support-agent' });
    root
      .createChildSpan({
        type: AISpanType.LLM_GENERATION,
        name: 'answer',
        attributes: { model: 'gpt-4o', prompt: { name: 'support-answer', version: 3 } },
      })
      .end();
    root.end();
    return root;
  });
}

describe('ConsoleExporter (users, sessions, tags, prompts and scores)', () => {
  it('shows user, session and tags once on the tree, and the prompt name@version on the generation', async () => {
    const { output, tracing } = setup();
    runScopedTrace(tracing);
    await tracing.flush();
    const lines = output.text().split('\n');
    const context = lines.filter((line) => line.includes('user user-42'));
    // Children with the same context do not repeat it.
    expect(context).toHaveLength(1);
    expect(context[0]).toContain('session chat-7 · tags beta, vip');
    expect(lines.find((line) => line.includes('answer'))).toContain('prompt support-answer@3');
  });

  it('prints one line per score with name, value, source, comment and short ids', async () => {
    const { output, tracing } = setup();
    const root = runScopedTrace(tracing);
    await tracing.flush();
    root.score({
      name: 'user-feedback',
      value: true,
      source: 'user-feedback',
      comment: 'solved\u001b[2J it',
    });
    await tracing.flush();
    const line = output
      .text()
      .split('\n')
      .find((candidate) => candidate.startsWith('score'));
    expect(line).toBe(
      `score user-feedback = true (user-feedback) “solved\\u001b[2J it” · trace ${root.traceId.slice(0, 8)} span ${root.id.slice(0, 8)} user user-42`,
    );
  });

  it('writes a score as one JSON line in json format, and nothing at logLevel warn', async () => {
    const json = setup({ format: 'json' });
    json.tracing.score({ traceId: 'a'.repeat(32), name: 'accuracy', value: 0.9, source: 'evaluator' });
    await json.tracing.flush();
    expect(JSON.parse(json.output.text())).toMatchObject({
      type: 'score_added',
      traceId: 'a'.repeat(32),
      name: 'accuracy',
      value: 0.9,
      dataType: 'numeric',
    });
    const quiet = setup({ logLevel: 'warn' });
    quiet.tracing.score({ traceId: 'a'.repeat(32), name: 'accuracy', value: 0.9 });
    await quiet.tracing.flush();
    expect(quiet.output.text()).toBe('');
  });
});
