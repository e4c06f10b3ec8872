// A Next.js App Router route handler on the edge runtime (app/api/answer/route.ts),
// the shape Vercel Edge runs; scripts/runtime-test runs it in workerd from the
// `edge-light` bundle. Configure the receiver with OTEL_EXPORTER_OTLP_ENDPOINT.
import { AISpanType, Observability, traced, withSpan } from '@aitracing/core';
import { OtelExporter } from '@aitracing/exporter-otel';

export const runtime = 'edge';

// Module scope: one instance per edge isolate, reused by the requests it serves.
const observability = new Observability({
  default: {
    enabled: true,
    exporters: [new OtelExporter({ protocol: 'http/json', serviceName: 'edge-route' })],
  },
});

/** POST { question } → { answer, traceId }; the trace is delivered before the response. */
export async function POST(request: Request): Promise<Response> {
  const { question } = (await request.json()) as { question: string };
  const agent = observability.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    input: question,
  });
  const answer = await withSpan(agent, () =>
    traced(
      { type: AISpanType.LLM_GENERATION, name: 'answer', attributes: { model: 'gpt-4o-mini' } },
      async () => {
        return `You asked: ${question}`; // your model call
      },
    ),
  );
  agent.end({ output: answer });
  // An edge function ends with its response: deliver first (or hand flush() to waitUntil where the platform has it).
  await observability.flush();
  return Response.json({ answer, traceId: agent.traceId });
}
