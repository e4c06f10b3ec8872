import { DefaultAITracing } from '@aitracing/core';
import { InMemoryExporter, type SpanTreeNode } from '@aitracing/core/testing';
import { describe, expect, it } from 'vitest';
import { DEMO_ORDER, runOrderWorkflow } from './order-workflow';

// `type name [child, child]`, recursively: the shape of the trace at a glance.
function shape(node: SpanTreeNode): unknown {
  const label = `${node.span.type} ${node.span.name}`;
  return node.children.length === 0 ? label : { [label]: node.children.map(shape) };
}

describe('the demo order workflow', () => {
  it('traces steps, a conditional with its evaluations, a parallel block and a loop', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'demo', exporters: [exporter] });
    const result = await runOrderWorkflow(tracing, DEMO_ORDER);
    await tracing.shutdown();

    expect(result).toEqual({ orderId: '1234', shipping: 'express-shipping', notified: ['email', 'sms'] });
    const [trace] = exporter.getTraces();
    expect(trace!.roots).toHaveLength(1);
    expect(shape(trace!.roots[0]!)).toEqual({
      'workflow_run fulfil-order': [
        'workflow_step validate-order',
        {
          'workflow_conditional choose-shipping': [
            'workflow_conditional_eval is-priority',
            'workflow_conditional_eval is-standard',
            'workflow_step express-shipping',
          ],
        },
        {
          // Children in start order, although charge-payment ends first.
          'workflow_parallel prepare-shipment': [
            'workflow_step reserve-stock',
            'workflow_step charge-payment',
          ],
        },
        {
          'workflow_loop notify-customer': [
            { 'workflow_step notify-email': ['llm_generation write-email'] },
            'workflow_step notify-sms',
          ],
        },
      ],
    });
    const byName = new Map(trace!.spans.map((span) => [span.name, span]));
    expect(byName.get('fulfil-order')?.attributes).toMatchObject({
      workflowId: 'fulfil-order',
      status: 'success',
    });
    expect(byName.get('choose-shipping')?.attributes).toMatchObject({
      truthyIndexes: [0],
      selectedSteps: ['express-shipping'],
    });
    expect(byName.get('is-standard')?.attributes).toMatchObject({ conditionIndex: 1, result: false });
    expect(byName.get('charge-payment')!.endTime!).toBeLessThan(byName.get('reserve-stock')!.endTime!);
    expect(byName.get('write-email')?.attributes).toMatchObject({
      usage: { promptTokens: 425, completionTokens: 20, totalTokens: 445 },
    });
    const steps = trace!.spans.filter((span) => span.type === 'workflow_step');
    expect(steps.map((span) => (span.attributes as { status?: string }).status)).toEqual(
      steps.map(() => 'success'),
    );
  });
});
