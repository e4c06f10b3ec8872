import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAgentScenario, runWorkflowScenario } from '../test/scenarios';
import { collectingStream, normalise, setup } from '../test/support';
import { ConsoleExporter } from './console-exporter';

// Core hands events to exporters on a later turn of the event loop.
const delivered = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('ConsoleExporter (pretty format)', () => {
  it('prints an agent trace as a tree with models, tokens, cost, tool ids and the failed call marked', async () => {
    const { output, tracing } = setup();
    runAgentScenario(tracing);
    await tracing.flush();

    expect(normalise(output.text())).toMatchInlineSnapshot(`
      "trace <trace-id> · support-app
      agent_run support-agent  <t>  max 5 steps
      │  ctx   user user-42
      │  in    "Where is my order 1234?"
      │  out   "Your order 1234 has shipped."
      ├─ llm_generation plan  <t>  gpt-4o-mini · openai · streamed · 3 chunks · first token <t> · tokens 812 prompt + 64 completion = 876 · cost $0.00016 · finish tool_calls
      │     in    [{"role":"user","content":"Where is my order 1234?"}]
      │     out   "I will look it up."
      ├─ ✗ tool_call lookup-order  <t>  tool orders.lookup
      │     error TimeoutError: order service timed out (status 504)
      │     in    {"orderId":"1234"}
      ├─ tool_call lookup-order  <t>  tool orders.lookup
      │  │  in    {"orderId":"1234"}
      │  │  out   {"orderId":"1234","status":"shipped"}
      │  └─ mcp_tool_call track-parcel  <t>  tool track_parcel · mcp carrier-mcp
      │        in    {"trackingNumber":"DHL-42"}
      │        out   {"status":"in transit"}
      └─ llm_generation answer  <t>  gpt-4o-mini · openai · tokens 950 prompt + 12 completion = 962 · cost $0.00015 · finish stop
            out   "Your order 1234 has shipped."
      totals 6 spans · 2 LLM calls · LLM time <t> · tokens 1,762 prompt + 76 completion = 1,838 · cost $0.00031 · 1 error

      "
    `);
  });

  it('prints a workflow trace with step statuses, the conditional, the parallel block and the loop', async () => {
    const { output, tracing } = setup({ showInput: false, showOutput: false });
    runWorkflowScenario(tracing);
    await tracing.flush();

    expect(normalise(output.text())).toMatchInlineSnapshot(`
      "trace <trace-id> · support-app
      workflow_run fulfil-order  <t>  status success
      ├─ workflow_step validate-order  <t>  status success
      ├─ workflow_conditional choose-shipping  <t>  2 conditions · selected express-shipping
      │  ├─ workflow_conditional_eval condition-0  <t>  condition #0 · result true
      │  └─ workflow_conditional_eval condition-1  <t>  condition #1 · result false
      ├─ workflow_step express-shipping  <t>  status success
      ├─ workflow_parallel prepare  <t>  2 branches
      │  ├─ workflow_step reserve-stock  <t>  status success
      │  └─ workflow_step charge-payment  <t>  status success
      ├─ workflow_loop notify-customer  <t>  foreach · 2 iterations
      │  ├─ workflow_step notify-email  <t>  step notify · status success
      │  └─ workflow_step notify-sms  <t>  step notify · status success
      └─ workflow_step gift-wrap  <t>  status skipped
      totals 13 spans

      "
    `);
  });

  it('prints each trace once, when its root ends, not before', async () => {
    const { output, tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'agent' },
    });
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' }).end();
    await delivered();
    expect(output.text()).toBe('');

    root.end();
    await tracing.flush();
    expect(output.writes()).toBe(1);
    expect(output.text()).toContain('└─ tool_call tool');
  });

  it('prints a trace whose root never ends, marked incomplete, once its spans have been idle for the timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { output, tracing } = setup({ incompleteTraceTimeoutMs: 5_000 });
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'stuck-agent',
      attributes: { agentId: 'a' },
    });
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'first-tool' }).end();
    await delivered();
    vi.advanceTimersByTime(4_000);
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'second-tool' }).end();
    await delivered();
    vi.advanceTimersByTime(4_999);
    expect(output.text()).toBe('');

    vi.advanceTimersByTime(1);
    const printed = normalise(output.text());
    expect(printed).toContain('(incomplete: root not ended, no span ended for <t>)');
    expect(printed).toContain(`┄ parent span <span-id>
├─ tool_call first-tool  <t>
└─ tool_call second-tool  <t>`);

    root.end();
    await tracing.flush();
    expect(normalise(output.text())).toContain(
      'trace <trace-id> · support-app (continues a part printed above)',
    );
  });

  it('prints buffered traces, marked incomplete, on flush', async () => {
    const { output, tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.WORKFLOW_RUN,
      name: 'long-workflow',
      attributes: { workflowId: 'w' },
    });
    root
      .createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'step-1' })
      .end({ attributes: { status: 'success' } });
    await tracing.flush();

    expect(normalise(output.text())).toMatchInlineSnapshot(`
      "trace <trace-id> · support-app (incomplete: root not ended at flush)
      ┄ parent span <span-id>
      └─ workflow_step step-1  <t>  status success
      totals 1 span

      "
    `);
  });

  it('prints buffered traces on shutdown, runs shutdown once and ignores spans that end afterwards', async () => {
    const { output, exporter } = setup();
    const tracing = new DefaultAITracing({ serviceName: 'app', exporters: [exporter] });
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' }).end();
    await delivered();

    const first = exporter.shutdown();
    expect(exporter.shutdown()).toBe(first);
    await first;
    expect(output.text()).toContain('(incomplete: root not ended at shutdown)');
    const printed = output.text();
    root.end();
    await tracing.shutdown();
    expect(output.text()).toBe(printed);
  });

  it('prints spans that end after their root as a separate, labelled part', async () => {
    const { output, tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    const background = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'background-tool' });
    root.end();
    await delivered();
    background.end();
    await tracing.flush();

    const printed = normalise(output.text());
    expect(printed).toContain(
      'trace <trace-id> · support-app (spans that ended after their root was printed)',
    );
    expect(printed).toContain('└─ tool_call background-tool');
  });

  it('keeps memory bounded: the longest idle trace is printed early, and a lone oversized trace drops spans, logged once', async () => {
    const { output, logger, tracing } = setup({
      maxBufferedTraces: 10,
      maxBufferedSpans: 50,
      showInput: false,
    });
    for (let index = 0; index < 100; index++) {
      const root = tracing.startSpan({
        type: AISpanType.AGENT_RUN,
        name: `never-ends-${index}`,
        attributes: { agentId: 'a' },
      });
      for (let child = 0; child < 3; child++)
        root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' }).end();
    }
    await delivered();
    const early = output.text().match(/printed early, buffer full/g) ?? [];
    expect(early).toHaveLength(90);

    await tracing.flush();
    const giant = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'giant',
      attributes: { agentId: 'a' },
    });
    for (let child = 0; child < 200; child++)
      giant.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' }).end();
    await tracing.flush();

    expect(output.text()).toContain('totals 50 spans · 150 dropped (buffer full)');
    const warnings = logger.messages.filter((entry) => entry.message.includes('buffer full'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe('warn');
  });

  it('shows every span, ids, metadata and stacks at debug', async () => {
    const { output, tracing } = setup({ logLevel: 'debug' });
    runAgentScenario(tracing);
    await tracing.flush();
    const printed = normalise(output.text());

    expect(printed).toContain('agent_run support-agent #<span-id>');
    expect(printed).toContain(
      '├─ llm_generation plan #<span-id>  <t>  gpt-4o-mini · openai · streamed · 3 chunks',
    );
    expect(printed).toContain('meta  {"userId":"user-42","apiKey":"[REDACTED]"}');
    expect(printed).toMatch(/error TimeoutError: order service timed out \(status 504\)\n.* {6}at /);
    expect(printed).not.toContain('sk-live-secret');
  });

  it('prints only traces with an error at logLevel error, and also incomplete ones at warn', async () => {
    const errors = setup({ logLevel: 'error' });
    const warnings = setup({ logLevel: 'warn' });
    for (const { tracing } of [errors, warnings]) {
      runAgentScenario(tracing);
      runWorkflowScenario(tracing);
      tracing
        .startSpan({ type: AISpanType.AGENT_RUN, name: 'unfinished', attributes: { agentId: 'a' } })
        .createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' })
        .end();
      await tracing.flush();
    }

    expect(errors.output.text()).toContain('support-agent');
    expect(errors.output.text()).not.toContain('fulfil-order');
    expect(errors.output.text()).not.toContain('incomplete');
    expect(warnings.output.text()).toContain('support-agent');
    expect(warnings.output.text()).toContain('incomplete');
    expect(warnings.output.text()).not.toContain('fulfil-order');
  });

  it('prints nothing at logLevel silent', async () => {
    const { output, tracing } = setup({ logLevel: 'silent' });
    runAgentScenario(tracing);
    await tracing.shutdown();
    expect(output.text()).toBe('');
  });

  it('hides input and output previews on request and cuts long ones', async () => {
    const hidden = setup({ showInput: false, showOutput: false });
    const short = setup({ maxPreviewLength: 12 });
    for (const { tracing } of [hidden, short]) {
      tracing
        .startSpan({
          type: AISpanType.AGENT_RUN,
          name: 'agent',
          attributes: { agentId: 'a' },
          input: 'a long question',
        })
        .end({ output: 'a long answer' });
      await tracing.flush();
    }
    expect(hidden.output.text()).not.toMatch(/\bin |\bout /);
    expect(short.output.text()).toContain('in    "a long que…');
    expect(short.output.text()).toContain('out   "a long ans…');
  });

  it('escapes control characters so span data cannot drive the terminal', async () => {
    const { output, tracing } = setup();
    tracing
      .startSpan({ type: AISpanType.AGENT_RUN, name: 'agent\u001b[2J', attributes: { agentId: 'a' } })
      .end({ output: 'text\u009b31m' });
    await tracing.flush();
    expect(output.text()).not.toContain('\u001b');
    expect(output.text()).not.toContain('\u009b');
    expect(output.text()).toContain('agent_run agent\\u001b[2J');
    expect(output.text()).toContain('"text\\u009b31m"');
  });

  it('colours output on a terminal: errors in red, tokens in green', async () => {
    vi.stubEnv('FORCE_COLOR', undefined);
    vi.stubEnv('NO_COLOR', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
    const output = collectingStream({ isTTY: true });
    const tracing = new DefaultAITracing({
      serviceName: 'app',
      exporters: [new ConsoleExporter({ stream: output.stream })],
    });
    runAgentScenario(tracing);
    await tracing.flush();
    expect(output.text()).toContain('\u001b[31m\u001b[1m✗ \u001b[22m\u001b[39m');
    expect(output.text()).toContain('\u001b[32m1,838\u001b[39m');
  });
});
