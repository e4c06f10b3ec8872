import { instrumentOpenAI } from '@aitracing/instrumentation-openai';
import OpenAI from 'openai';
import { fakeOpenAIFetch } from './fake-openai-fetch';
import { DEMO_ORDER, runOrderWorkflow } from './order-workflow';
import { createObservability } from './setup-tracing';
import { runSupportConversation } from './support-conversation';
import { runWeatherAssistant } from './weather-assistant';

// `pnpm demo`: a simulated support agent (for a signed-in user, in a chat
// session, answered from a versioned prompt and scored by the user's
// feedback), an order workflow and an OpenAI app instrumented in one line,
// traced and printed by the console exporter.
// No network, no API keys.
const tracing = createObservability();

console.log('aitracing demo: a support agent and an order workflow (simulated: no network, no API keys)\n');
await runSupportConversation(tracing, 'Where is my order 1234?');
await runOrderWorkflow(tracing, DEMO_ORDER);
await tracing.flush(); // print both traces before the next heading

console.log(
  '\nAn OpenAI app instrumented in one line (the real `openai` SDK; a fake `fetch` stands in for the API)\n',
);
// The one line: every chat completion of this client becomes a generation span.
const openai = instrumentOpenAI(
  new OpenAI({ apiKey: 'sk-demo', baseURL: 'http://demo.invalid/v1', fetch: fakeOpenAIFetch }),
);
await runWeatherAssistant(openai, tracing, 'What is the weather in Paris right now?');

// Prints anything still buffered; in a serverless handler, `await tracing.flush()` before returning.
await tracing.shutdown();

console.log(
  'More detail: AITRACING_CONSOLE_LOG_LEVEL=debug pnpm demo · JSON lines: AITRACING_CONSOLE_FORMAT=json pnpm demo',
);
