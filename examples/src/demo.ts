import { DefaultAITracing } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { formatTrace } from './print-trace';
import { runSupportAgent } from './support-agent';

// The console exporter is not released yet: the demo collects spans in memory and prints them.
const exporter = new InMemoryExporter();
const tracing = new DefaultAITracing({ serviceName: 'demo-support-app', exporters: [exporter] });

const answer = await runSupportAgent(tracing, 'Where is my order 1234?');
await tracing.shutdown();

console.log(`Agent answered: ${answer}\n`);
for (const trace of exporter.getTraces()) console.log(formatTrace(trace).join('\n'));
const root = exporter.getTraces()[0]?.roots[0]?.span;
console.log(`\nroot metadata as exported (secrets redacted): ${JSON.stringify(root?.metadata)}`);
