import { type AISpan, AISpanType, type AnyAISpan, type SpanStarter } from '@aitracing/core';
import { DEMO_MODEL, fakeCompletion } from './fake-llm';

/** The order the workflow fulfils. */
export interface OrderRequest {
  readonly orderId: string;
  readonly priority: boolean;
  readonly items: readonly string[];
  /** How to tell the customer, one loop iteration each */
  readonly notify: readonly ('email' | 'sms')[];
}

/** What the workflow returns. */
export interface FulfilmentResult {
  readonly orderId: string;
  readonly shipping: string;
  readonly notified: readonly string[];
}

/** The order the demo fulfils. */
export const DEMO_ORDER: OrderRequest = {
  orderId: '1234',
  priority: true,
  items: ['mechanical keyboard', 'usb-c cable'],
  notify: ['email', 'sms'],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run `work` as a traced workflow step under `parent`: status `success`, or `failed` with the error. */
async function step<T>(
  parent: AnyAISpan,
  name: string,
  input: unknown,
  work: (span: AISpan<AISpanType.WORKFLOW_STEP>) => Promise<T>,
): Promise<T> {
  const span = parent.createChildSpan({
    type: AISpanType.WORKFLOW_STEP,
    name,
    attributes: { stepId: name, status: 'running' },
    input,
  });
  try {
    const output = await work(span);
    span.end({ output, attributes: { status: 'success' } });
    return output;
  } catch (error) {
    span.error({ error: error as Error, attributes: { status: 'failed' } });
    throw error;
  }
}

/**
 * A simulated order-fulfilment workflow: a validation step, a conditional
 * (each condition evaluated in its own span) choosing the shipping step, a
 * parallel block reserving stock while charging payment, and a loop sending
 * one notification per channel, the email written by the fake LLM.
 */
export async function runOrderWorkflow(tracing: SpanStarter, order: OrderRequest): Promise<FulfilmentResult> {
  const run = tracing.startSpan({
    type: AISpanType.WORKFLOW_RUN,
    name: 'fulfil-order',
    attributes: { workflowId: 'fulfil-order', workflowVersion: '3', runId: `run-${order.orderId}` },
    input: order,
  });
  try {
    await step(run, 'validate-order', { items: order.items.length }, async () => {
      await sleep(10);
      return { valid: true };
    });

    const conditional = run.createChildSpan({
      type: AISpanType.WORKFLOW_CONDITIONAL,
      name: 'choose-shipping',
      attributes: { conditionCount: 2 },
    });
    const conditions = [
      { name: 'is-priority', test: () => order.priority, step: 'express-shipping' },
      { name: 'is-standard', test: () => !order.priority, step: 'standard-shipping' },
    ];
    const truthyIndexes: number[] = [];
    conditions.forEach((condition, conditionIndex) => {
      const evaluation = conditional.createChildSpan({
        type: AISpanType.WORKFLOW_CONDITIONAL_EVAL,
        name: condition.name,
        attributes: { conditionIndex },
      });
      const result = condition.test();
      if (result) truthyIndexes.push(conditionIndex);
      evaluation.end({ attributes: { result } });
    });
    const selectedSteps = truthyIndexes.map((index) => conditions[index]!.step);
    for (const name of selectedSteps) {
      await step(conditional, name, { orderId: order.orderId }, async () => {
        await sleep(20);
        return { carrier: 'DHL', service: name === 'express-shipping' ? 'express' : 'standard' };
      });
    }
    conditional.end({ attributes: { truthyIndexes, selectedSteps } });

    const parallel = run.createChildSpan({
      type: AISpanType.WORKFLOW_PARALLEL,
      name: 'prepare-shipment',
      attributes: { branchCount: 2, parallelSteps: ['reserve-stock', 'charge-payment'] },
    });
    await Promise.all([
      step(parallel, 'reserve-stock', { items: order.items }, async () => {
        await sleep(60);
        return { reserved: order.items.length };
      }),
      step(parallel, 'charge-payment', { amount: 129.9, currency: 'EUR' }, async () => {
        await sleep(35);
        return { paymentId: 'pay_8731' };
      }),
    ]);
    parallel.end();

    const loop = run.createChildSpan({
      type: AISpanType.WORKFLOW_LOOP,
      name: 'notify-customer',
      attributes: { loopType: 'foreach', totalIterations: order.notify.length, concurrency: 1 },
    });
    const notified: string[] = [];
    for (const channel of order.notify) {
      await step(loop, `notify-${channel}`, { channel }, async (span) => {
        if (channel === 'email') {
          const messages = [
            {
              role: 'user' as const,
              content: `Write a short shipping confirmation for order ${order.orderId}.`,
            },
          ];
          const generation = span.createChildSpan({
            type: AISpanType.LLM_GENERATION,
            name: 'write-email',
            attributes: { ...DEMO_MODEL, resultType: 'response_generation' },
            input: messages,
          });
          const email = await fakeCompletion({
            messages,
            reply: `Good news: order ${order.orderId} is on its way with DHL Express and arrives on Thursday.`,
          });
          generation.end({
            output: email.text,
            attributes: { usage: email.usage, finishReason: email.finishReason },
          });
        } else {
          await sleep(15);
        }
        notified.push(channel);
        return { sent: true };
      });
    }
    loop.end({ output: notified });

    const result: FulfilmentResult = {
      orderId: order.orderId,
      shipping: selectedSteps[0] ?? 'none',
      notified,
    };
    run.end({ output: result, attributes: { status: 'success' } });
    return result;
  } catch (error) {
    run.error({ error: error as Error, attributes: { status: 'failed' } });
    throw error;
  }
}
