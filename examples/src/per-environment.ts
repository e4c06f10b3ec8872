import { RuntimeContext } from '@aitracing/core';
import { createRoutedObservability } from './routing';
import { runSupportAgent } from './support-agent';

// `pnpm --filter @aitracing/examples demo:routing`: the same agent handles a
// production and a development request; `configSelector` sends each trace to
// the instance of its environment. Only the root span asks the selector; the
// children stay with their parent's instance.
const observability = createRoutedObservability();

for (const environment of ['production', 'development']) {
  const runtimeContext = new RuntimeContext([['environment', environment]]);
  console.log(
    `\n── request in ${environment}: traced by the "${observability.getSelected({ runtimeContext })?.getConfig().name}" instance ──\n`,
  );
  await runSupportAgent(
    { startSpan: (options) => observability.startSpan({ ...options, runtimeContext }) },
    'Where is my order 1234?',
  );
  await observability.flush();
}

await observability.shutdown();
