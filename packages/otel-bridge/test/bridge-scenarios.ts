import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AISpanType,
  type AITracingEvent,
  type AITracingExporter,
  DefaultAITracing,
  type ExportedAISpan,
  startSpanInContext,
  tracedAsync,
} from '@aitracing/core';
import { BatchQueue } from '@aitracing/core/exporter-kit';
import { InMemoryExporter } from '@aitracing/core/testing';
import { context, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OtelBridge } from '../src/index';
import { COLLECTOR_PATH, type FinishedOtelSpan, type OtelHarness } from './otel-harness';

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A request through the instrumented `http` module, as a user's tool would make it. */
function request(httpModule: typeof http, url: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = httpModule.request(url, { method: body === undefined ? 'GET' : 'POST' }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve(text));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

// A bound against hangs only: a loaded machine may take its time.
const WAIT = { timeout: 30_000 };

const parentOf = (span: FinishedOtelSpan | undefined) => span?.parentSpanContext?.spanId;
const idOf = (span: FinishedOtelSpan | undefined) => span?.spanContext().spanId;
const traceOf = (span: FinishedOtelSpan | undefined) => span?.spanContext().traceId;

/** An exporter of ours delivering through the kit's queue, like every exporter we ship. */
class QueuedHttpExporter implements AITracingExporter {
  readonly name = 'queued-http';
  readonly #queue: BatchQueue<ExportedAISpan>;

  constructor(httpModule: typeof http, url: string) {
    this.#queue = new BatchQueue<ExportedAISpan>(
      {
        maxQueueSize: 100,
        maxBatchSize: 100,
        scheduledDelayMs: 1,
        immediate: true,
        maxRetryDurationMs: 0,
        onDrop: () => undefined,
      },
      async (spans) => {
        await request(httpModule, url, JSON.stringify(spans.map((span) => span.name)));
        return { status: 'success' };
      },
    );
  }

  async exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === 'span_ended') this.#queue.add(event.exportedSpan);
  }

  async flush(): Promise<void> {
    await this.#queue.flush(5_000);
  }

  async shutdown(): Promise<void> {
    await this.#queue.close(5_000);
  }
}

/** The bridge's behaviour against one OpenTelemetry SDK major. */
export function describeBridge(label: string, supported: boolean, start: () => Promise<OtelHarness>): void {
  describe.runIf(supported)(`OtelBridge with ${label}`, () => {
    let otel: OtelHarness;
    let servers: http.Server[];
    let tracings: DefaultAITracing[];

    const serve = (handler: http.RequestListener): Promise<string> => {
      const server = otel.http.createServer(handler);
      servers.push(server);
      return listen(server);
    };
    const newTracing = (exporters: AITracingExporter[], bridge = new OtelBridge()): DefaultAITracing => {
      const tracing = new DefaultAITracing({ serviceName: 'app', bridge, exporters, flushOnExit: false });
      tracings.push(tracing);
      return tracing;
    };

    // Set up once, as an app does: the HTTP instrumentation patches `http` when it is first required.
    beforeAll(async () => {
      otel = await start();
    });

    afterAll(async () => {
      await otel.shutdown();
    });

    beforeEach(() => {
      servers = [];
      tracings = [];
    });

    afterEach(async () => {
      await Promise.all(tracings.map((tracing) => tracing.shutdown()));
      await Promise.all(servers.map(close));
      otel.reset();
    });

    it("puts the app's HTTP request, the agent, its tool and the tool's HTTP call in one trace", async () => {
      const downstream = await serve((_request, response) => response.end('sunny'));
      const aiSpans = new InMemoryExporter();
      const tracing = newTracing([aiSpans]);
      const app = await serve((_request, response) => {
        tracedAsync(
          { type: AISpanType.AGENT_RUN, name: 'support', attributes: { agentId: 'support-1' }, tracing },
          () =>
            tracedAsync(
              { type: AISpanType.TOOL_CALL, name: 'weather', attributes: { toolId: 'weather' } },
              () => request(otel.http, `${downstream}/weather`),
            ),
        ).then(
          (answer) => response.end(answer),
          () => response.writeHead(500).end(),
        );
      });

      // fetch is not patched by the HTTP instrumentation: the app's server span is the root.
      const response = await fetch(`${app}/ask`);
      expect(await response.text()).toBe('sunny');
      await vi.waitFor(() => expect(otel.finishedSpans()).toHaveLength(5), WAIT);

      const spans = otel.finishedSpans();
      const appServer = spans.find(
        (span) => span.kind === SpanKind.SERVER && span.parentSpanContext === undefined,
      );
      const agent = spans.find((span) => span.name === 'invoke_agent support');
      const tool = spans.find((span) => span.name === 'execute_tool weather');
      const client = spans.find((span) => span.kind === SpanKind.CLIENT);
      const downstreamServer = spans.find((span) => span.kind === SpanKind.SERVER && span !== appServer);
      expect(parentOf(agent)).toBe(idOf(appServer));
      expect(parentOf(tool)).toBe(idOf(agent));
      expect(parentOf(client)).toBe(idOf(tool));
      expect(parentOf(downstreamServer)).toBe(idOf(client));
      expect(new Set(spans.map(traceOf))).toEqual(new Set([traceOf(appServer)]));
      expect(agent?.attributes).toMatchObject({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'support',
        'gen_ai.agent.id': 'support-1',
      });
      expect(tool?.attributes).toMatchObject({ 'gen_ai.tool.name': 'weather', 'aitracing.output': 'sunny' });

      // Our own exporters see the same ids: one trace in every backend.
      await tracing.flush();
      const exportedAgent = aiSpans.getFinishedSpans().find((span) => span.type === AISpanType.AGENT_RUN);
      const exportedTool = aiSpans.getFinishedSpans().find((span) => span.type === AISpanType.TOOL_CALL);
      expect(exportedAgent).toMatchObject({
        traceId: traceOf(appServer),
        id: idOf(agent),
        parentSpanId: idOf(appServer),
      });
      expect(exportedTool).toMatchObject({ id: idOf(tool), parentSpanId: idOf(agent) });
    });

    it('continues the trace of the active OpenTelemetry span when no aitracing span is current', async () => {
      const aiSpans = new InMemoryExporter();
      const tracing = newTracing([aiSpans]);
      const job = trace.getTracer('app').startActiveSpan('nightly-job', (jobSpan) => {
        const step = startSpanInContext({ type: AISpanType.GENERIC, name: 'summarise', tracing });
        step.end();
        jobSpan.end();
        return { jobSpan, step };
      });

      expect(job.step.traceId).toBe(job.jobSpan.spanContext().traceId);
      // SDK 3's processors hand spans to the exporter asynchronously.
      await vi.waitFor(() => expect(otel.finishedSpans()).toHaveLength(2), WAIT);
      const mirrored = otel.finishedSpans().find((span) => span.name === 'summarise');
      expect(idOf(mirrored)).toBe(job.step.id);
      expect(parentOf(mirrored)).toBe(job.jobSpan.spanContext().spanId);
      await tracing.flush();
      expect(aiSpans.getFinishedSpans()[0]).toMatchObject({
        traceId: job.jobSpan.spanContext().traceId,
        parentSpanId: job.jobSpan.spanContext().spanId,
        isRootSpan: true,
      });
    });

    it("nests a span under the app's OpenTelemetry span started inside its parent's scope", async () => {
      const aiSpans = new InMemoryExporter();
      const tracing = newTracing([aiSpans]);
      const tracer = trace.getTracer('app');
      await tracedAsync(
        { type: AISpanType.AGENT_RUN, name: 'support', attributes: { agentId: 'a' }, tracing },
        async () => {
          await tracer.startActiveSpan('retrieve', async (retrieve) => {
            await tracedAsync(
              { type: AISpanType.LLM_GENERATION, name: 'rerank', attributes: { model: 'm' } },
              () => Promise.resolve('ranked'),
            );
            retrieve.end();
          });
        },
      );

      await vi.waitFor(() => expect(otel.finishedSpans()).toHaveLength(3), WAIT);
      const spans = otel.finishedSpans();
      const agent = spans.find((span) => span.name === 'invoke_agent support');
      const retrieve = spans.find((span) => span.name === 'retrieve');
      const generation = spans.find((span) => span.name === 'chat m');
      expect(parentOf(retrieve)).toBe(idOf(agent));
      expect(parentOf(generation)).toBe(idOf(retrieve));
      // Our own exporters do not know the app's span: the generation is the agent's child there.
      await tracing.flush();
      const exported = aiSpans.getFinishedSpans().find((span) => span.type === AISpanType.LLM_GENERATION);
      expect(exported).toMatchObject({ id: idOf(generation), parentSpanId: idOf(agent) });
    });

    it("follows an unsampled OpenTelemetry parent's decision: nothing is recorded", async () => {
      const aiSpans = new InMemoryExporter();
      const tracing = newTracing([aiSpans]);
      const unsampled = trace.setSpanContext(context.active(), {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: TraceFlags.NONE,
      });
      const span = context.with(unsampled, () =>
        startSpanInContext({
          type: AISpanType.AGENT_RUN,
          name: 'support',
          attributes: { agentId: 'a' },
          tracing,
        }),
      );
      span.end();
      await tracing.flush();

      expect(span.isValid).toBe(false);
      expect(aiSpans.getFinishedSpans()).toEqual([]);
      expect(otel.finishedSpans()).toEqual([]);
    });

    it('mirrors a failed generation with GenAI attributes, an error status and an exception event', async () => {
      const tracing = newTracing([]);
      const agent = tracing.startSpan({
        type: AISpanType.AGENT_RUN,
        name: 'support',
        attributes: { agentId: 'a' },
      });
      const llm = agent.createChildSpan({
        type: AISpanType.LLM_GENERATION,
        name: 'answer',
        attributes: { model: 'gpt-4o-mini', provider: 'openai' },
      });
      llm.error({
        error: new Error('rate limited'),
        attributes: { usage: { promptTokens: 12, completionTokens: 0 } },
      });
      agent.end();

      await vi.waitFor(() => expect(otel.finishedSpans()).toHaveLength(2), WAIT);
      const generation = otel.finishedSpans().find((span) => span.kind === SpanKind.CLIENT);
      expect(generation?.name).toBe('chat gpt-4o-mini');
      expect(idOf(generation)).toBe(llm.id);
      expect(parentOf(generation)).toBe(agent.id);
      expect(generation?.attributes).toMatchObject({
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 12,
        'error.type': 'Error',
      });
      expect(generation?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'rate limited' });
      expect(generation?.events.map((event) => event.name)).toEqual(['exception']);
    });

    it('never records our own export requests in the app trace', async () => {
      const received: Array<{ path: string | undefined; traceparent: string | undefined }> = [];
      const collector = await serve((incoming, response) => {
        received.push({
          path: incoming.url,
          traceparent: incoming.headers.traceparent as string | undefined,
        });
        incoming.resume();
        incoming.on('end', () => response.end());
      });
      const tracing = newTracing([new QueuedHttpExporter(otel.http, `${collector}${COLLECTOR_PATH}/spans`)]);
      const app = await serve((_request, response) => {
        tracedAsync(
          { type: AISpanType.AGENT_RUN, name: 'support', attributes: { agentId: 'a' }, tracing },
          () =>
            // The app's own call to the same host: recorded, the instrumentation is live.
            request(otel.http, `${collector}${COLLECTOR_PATH}/app`, 'hello'),
        ).then(
          () => response.end('ok'),
          () => response.writeHead(500).end(),
        );
      });

      await (await fetch(`${app}/ask`)).text();
      await vi.waitFor(
        () => expect(received.map((entry) => entry.path)).toContain(`${COLLECTOR_PATH}/spans`),
        WAIT,
      );
      // The export request has had its answer: a span for it would have ended by now.
      await tracing.flush();
      await vi.waitFor(() => expect(otel.finishedSpans()).toHaveLength(3), WAIT);

      const clients = otel.finishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
      expect(clients).toHaveLength(1);
      expect(received.find((entry) => entry.path === `${COLLECTOR_PATH}/app`)?.traceparent).toContain(
        traceOf(clients[0]),
      );
      expect(received.find((entry) => entry.path === `${COLLECTOR_PATH}/spans`)?.traceparent).toBeUndefined();
    });
  });
}
