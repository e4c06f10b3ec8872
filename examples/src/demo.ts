import { DEMO_ORDER, runOrderWorkflow } from './order-workflow';
import { createObservability } from './setup-tracing';
import { runSupportAgent } from './support-agent';

// `pnpm demo`: a simulated support agent and an order workflow, traced and
// printed by the console exporter. No network, no API keys.
const tracing = createObservability();

console.log('aitracing demo: a support agent and an order workflow (simulated: no network, no API keys)\n');
await runSupportAgent(tracing, 'Where is my order 1234?');
await runOrderWorkflow(tracing, DEMO_ORDER);
// Prints anything still buffered; in a serverless handler, `await tracing.flush()` before returning.
await tracing.shutdown();

console.log(
  'More detail: AITRACING_CONSOLE_LOG_LEVEL=debug pnpm demo · JSON lines: AITRACING_CONSOLE_FORMAT=json pnpm demo',
);
