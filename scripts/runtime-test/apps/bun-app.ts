// Run by `bun apps/bun-app.ts` with RECEIVER_URL set: resolves the packages as Bun does (conditions bun, node, import).
import { createObservability, reportFlushed, runAgentTrace } from './agent-trace.ts';

const receiverUrl = process.env.RECEIVER_URL as string;
const observability = createObservability(receiverUrl, 'bun-app');
const run = await runAgentTrace(observability, 'context');
await observability.flush();
await reportFlushed(receiverUrl, run, 'bun');
await observability.shutdown();
