import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import type { OtlpAttributes, OtlpResource, OtlpSpan } from '../src/otlp-span';
import { createResource } from '../src/resource';
import { SpanConverter } from '../src/span-converter';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const REMOTE_TRACE_ID = '4BF92F3577B34DA6A3CE929D0E0E4736'; // upper case, as some propagators write it
const START = 1_764_770_000_123.25;

/** A mix of scripts, astral characters, lone surrogates and control characters. */
export const UNICODE_SAMPLES = [
  '',
  'plain ascii',
  'café – naïve 日本語 العربية',
  '🦜🧠 parrot brain 👩🏽‍💻',
  'lone high \ud800 surrogate',
  'lone low \udfff surrogate',
  '\ud83d',
  'nul\u0000tab\tnewline\n',
  '\uffff\ufeff',
];

let counter = 0;
function spanId(): string {
  counter++;
  return counter.toString(16).padStart(16, '0');
}

function exported(fields: Partial<ExportedAISpan> & Pick<ExportedAISpan, 'type' | 'name'>): ExportedAISpan {
  return {
    id: spanId(),
    traceId: TRACE_ID,
    startTime: START + counter,
    endTime: START + counter + 12.345678,
    isEvent: false,
    isRootSpan: false,
    parentSpanId: '00000000000000aa',
    ...fields,
  } as ExportedAISpan;
}

/** Exported AI spans: every span type, content, metadata, errors, events, remote parents, empty and huge values. */
export function exportedCorpus(): ExportedAISpan[] {
  counter = 0;
  const huge = `${'x'.repeat(1_000_000)}✓`;
  const spans: ExportedAISpan[] = Object.values(AISpanType).map((type) =>
    exported({
      type,
      name: `${type} span`,
      attributes: { note: `attributes of ${type}`, count: 3, ratio: 0.5, enabled: true } as never,
      metadata: { sessionId: 'session-1', tags: ['a', 'b'], nested: { deep: { deeper: [1, 'two', null] } } },
      input: { question: 'Where is my order?' },
      output: 'It ships tomorrow.',
    }),
  );
  spans.push(
    exported({
      type: AISpanType.LLM_GENERATION,
      name: 'plan',
      isRootSpan: true,
      parentSpanId: undefined,
      attributes: {
        model: 'gpt-4o',
        provider: 'openai',
        streaming: true,
        parameters: { temperature: 0.2, topP: 0.9, maxOutputTokens: 256, stopSequences: ['END', 'STOP'] },
        usage: { promptTokens: 120, completionTokens: 12, totalTokens: 132, promptCacheHitTokens: 100 },
        finishReason: 'tool_calls',
        completionStartTime: START + 5.5,
        cost: { input: 0.000175, output: 0.00012, total: 0.000295, currency: 'USD' },
      } as never,
      input: [
        { role: 'system', content: 'You are a support agent.' },
        { role: 'user', content: UNICODE_SAMPLES.join(' | ') },
      ],
      output: 'Let me check. 🦜',
    }),
    exported({
      type: AISpanType.TOOL_CALL,
      name: 'lookup-order',
      attributes: { toolId: 'lookup-order', toolDescription: 'Finds an order' } as never,
      metadata: { toolCallId: 'call_1' },
      input: { orderId: 'A-1' },
      errorInfo: {
        message: 'upstream timeout 💥',
        name: 'TimeoutError',
        stack: 'TimeoutError: upstream\n  at x',
      },
    }),
    exported({
      type: AISpanType.MCP_TOOL_CALL,
      name: 'carrier.status',
      attributes: { toolId: 'carrier.status', mcpServer: 'carrier-mcp' } as never,
      errorInfo: { message: '' },
    }),
    // A root span that continues a trace from another process: its parent is remote.
    exported({
      type: AISpanType.AGENT_RUN,
      name: 'remote-child',
      traceId: REMOTE_TRACE_ID,
      isRootSpan: true,
      parentSpanId: 'B7AD6B7169203331',
      attributes: { agentId: 'agent-2', instructions: '' } as never,
    }),
    exported({ type: AISpanType.LLM_CHUNK, name: 'chunk', isEvent: true, endTime: undefined }),
    exported({
      type: AISpanType.GENERIC,
      name: '',
      input: '',
      output: huge,
      metadata: { empty: '', zero: 0 },
    }),
    exported({
      type: AISpanType.GENERIC,
      name: UNICODE_SAMPLES[3]!,
      metadata: Object.fromEntries(UNICODE_SAMPLES.map((text, index) => [`key ${text} ${index}`, text])),
    }),
  );
  return spans;
}

/** Every attribute kind OTLP has, at its edges. */
export const ATTRIBUTE_KINDS: OtlpAttributes = {
  string: 'value',
  emptyString: '',
  unicode: UNICODE_SAMPLES.join('|'),
  true: true,
  false: false,
  zero: 0,
  negativeZero: -0,
  int: 42,
  negativeInt: -42,
  int32Edge: 2 ** 31,
  uint32Edge: 2 ** 32 - 1,
  uint32Over: 2 ** 32,
  maxSafe: Number.MAX_SAFE_INTEGER,
  minSafe: Number.MIN_SAFE_INTEGER,
  twoPow62: 2 ** 62,
  int64MinEdge: -(2 ** 63),
  int64Over: 2 ** 63,
  double: Math.PI,
  tinyDouble: 5e-324,
  hugeDouble: 1.7976931348623157e308,
  nan: Number.NaN,
  infinity: Number.POSITIVE_INFINITY,
  negativeInfinity: Number.NEGATIVE_INFINITY,
  bytes: Uint8Array.of(0, 1, 2, 254, 255),
  emptyBytes: new Uint8Array(0),
  strings: ['a', '', '🦜'],
  numbers: [1, 2.5, -3],
  booleans: [true, false],
  emptyArray: [],
  sparse: ['a', null, undefined, 'b'],
  mixed: ['a', 1, true, 2.5, Uint8Array.of(9)],
  nestedArray: [[1, [2, [3]]], { inner: 'kv' }],
  kvlist: { name: 'x', count: 2, list: [1, 2], deep: { deeper: { deepest: true } } },
  emptyKvlist: {},
  nullValue: null,
  undefinedValue: undefined,
  [UNICODE_SAMPLES[2]!]: 'unicode key',
  '': 'empty key',
};

function resource(name: string, attributes: OtlpAttributes = {}, schemaUrl?: string): OtlpResource {
  const base = createResource({ serviceName: name, attributes }, {});
  return schemaUrl === undefined ? base : { attributes: base.attributes, schemaUrl };
}

/** OTLP spans made by hand: every attribute kind, events, links, trace state, several resources and scopes. */
export function handMadeSpans(): OtlpSpan[] {
  const first = resource('first', { 'host.name': 'box', 'deployment.environment.name': 'test' });
  const second = resource(
    'second',
    { kinds: ATTRIBUTE_KINDS as never },
    'https://opentelemetry.io/schemas/1.30.0',
  );
  const scopeA = { name: 'scope-a', version: '1.0.0' };
  const scopeB = {
    name: 'scope-b',
    schemaUrl: 'https://opentelemetry.io/schemas/1.28.0',
    attributes: { 'scope.attribute': 'x' },
  };
  const base = {
    traceId: TRACE_ID,
    parentSpanId: undefined,
    parentIsRemote: false,
    traceFlags: 1,
    kind: 1 as const,
    startTimeMs: START,
    endTimeMs: START + 1,
    events: [],
    links: [],
    statusCode: 0 as const,
  };
  return [
    {
      ...base,
      spanId: 'a000000000000001',
      name: 'kinds',
      attributes: ATTRIBUTE_KINDS,
      resource: first,
      scope: scopeA,
      traceState: 'vendor=value,other=1',
      kind: 2,
      statusCode: 1,
    },
    {
      ...base,
      spanId: 'a000000000000002',
      parentSpanId: 'a000000000000001',
      name: 'events and links',
      attributes: {},
      resource: second,
      scope: scopeB,
      traceFlags: 0,
      kind: 5,
      events: [
        { name: 'first', timeMs: START + 0.000001 },
        { name: 'with attributes', timeMs: START + 0.5, attributes: { 'event.value': 1, list: ['x'] } },
        { name: '', timeMs: 0, attributes: {} },
      ],
      links: [
        { traceId: REMOTE_TRACE_ID, spanId: '00f067aa0ba902b7', isRemote: true, traceState: 'k=v' },
        { traceId: TRACE_ID, spanId: 'a000000000000001', traceFlags: 0, attributes: { reason: 'retry of' } },
      ],
      statusCode: 2,
      statusMessage: 'broken ✗',
    },
    // Interleaved: grouping keeps first-appearance order of resources and scopes.
    {
      ...base,
      spanId: 'a000000000000003',
      name: 'back to first',
      attributes: { n: 1 },
      resource: first,
      scope: scopeB,
    },
    {
      ...base,
      spanId: 'a000000000000004',
      name: 'first again',
      attributes: { n: 2 },
      resource: first,
      scope: scopeA,
    },
    {
      ...base,
      spanId: 'a000000000000005',
      name: 'far future',
      attributes: {},
      resource: second,
      scope: scopeA,
      kind: 3,
      startTimeMs: 10_413_792_000_000.5, // year 2300: beyond 2^53 ns and 32-bit seconds
      endTimeMs: 10_413_792_000_001.75,
    },
  ];
}

/** The exported corpus converted as the OTel exporter does (with and without content, and with OpenInference). */
export function convertedCorpus(): OtlpSpan[] {
  const resourceOfService = createResource(
    { serviceName: 'support', serviceVersion: '2.1.0', environment: 'test' },
    {},
  );
  const converters = [
    new SpanConverter({ resource: resourceOfService }),
    new SpanConverter({ resource: resourceOfService, captureContent: false, spanNames: 'original' }),
    new SpanConverter({ resource: resourceOfService, openInference: true }),
  ];
  return converters.flatMap((converter) => exportedCorpus().map((span) => converter.convert(span)));
}
