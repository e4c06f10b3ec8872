// Run by `deno run` with RECEIVER_URL set: the packages come from node_modules (conditions deno, node, import).
import { createObservability, reportFlushed, runAgentTrace } from './agent-trace.ts';

declare const Deno: { readonly env: { get(name: string): string | undefined } };

const receiverUrl = Deno.env.get('RECEIVER_URL') as string;
const observability = createObservability(receiverUrl, 'deno-app');
const run = await runAgentTrace(observability, 'context');
await observability.flush();
await reportFlushed(receiverUrl, run, 'deno');
await observability.shutdown();
