import { validateHeaderValue } from 'node:http';
import { AISpanType, DefaultAITracing, extractContext, injectContext, parseBaggage } from '@aitracing/core';
import { InMemoryExporter, RecordingLogger } from '@aitracing/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppGuard } from '../src/app/app-guard';

const HEX = '0123456789abcdef';
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: length, maxLength: length });

/** The W3C Trace Context rules for `traceparent`, written independently of core's parser. */
function isValidTraceparent(header: string): boolean {
  const value = header.trim();
  const version = value.slice(0, 2);
  if (!/^[0-9a-f]{2}$/.test(version) || version === 'ff') return false;
  if (version === '00' && value.length !== 55) return false;
  if (value.length < 55 || (value.length > 55 && value[55] !== '-')) return false;
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(value.slice(0, 55));
  return match !== null && !/^0+$/.test(match[1]!) && !/^0+$/.test(match[2]!);
}

const validTraceparent = fc
  .tuple(hex(32), hex(16), fc.constantFrom('00', '01'))
  .filter(([traceId, spanId]) => !/^0+$/.test(traceId) && !/^0+$/.test(spanId))
  .map(([traceId, spanId, flags]) => `00-${traceId}-${spanId}-${flags}`);

/** Valid headers broken in every way a proxy, a client bug or an attacker breaks them. */
const mutatedTraceparent = fc
  .tuple(
    validTraceparent,
    fc.nat(54),
    fc.string({ minLength: 1, maxLength: 3 }),
    fc.constantFrom(...Array.from({ length: 9 }, (_, index) => index)),
  )
  .map(([header, at, text, how]) => {
    switch (how) {
      case 0:
        return header.slice(0, at) + text + header.slice(at + 1);
      case 1:
        return header.slice(0, at) + header.slice(at + 1);
      case 2:
        return header.slice(0, at) + text + header.slice(at);
      case 3:
        return header.toUpperCase();
      case 4:
        return `ff${header.slice(2)}`;
      case 5:
        return `00-${'0'.repeat(32)}${header.slice(35)}`;
      case 6:
        return `${header.slice(0, 36)}${'0'.repeat(16)}${header.slice(52)}`;
      case 7:
        return `${header}${text}`;
      default:
        return `cc${header.slice(2)}-${text}`;
    }
  });

const anyTraceparent = fc.oneof(
  validTraceparent,
  mutatedTraceparent,
  fc.string(),
  fc.string({ unit: 'binary' }),
);

/** Baggage as it comes in: valid members, broken encoding, control characters, non-Latin-1 text, huge lists. */
const baggageHeader = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/), fc.string({ maxLength: 6 })),
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('%', '%E0%A4%A', '%zz', 'a%20b')),
        fc.option(
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.string({ unit: 'binary', maxLength: 10 }),
            fc.constantFrom('prop=1', 'x\r\nInjected: yes', 'ünicode'),
          ),
        ),
      ),
      { maxLength: 80 },
    )
    .map((members) =>
      members
        .map(([key, value, property]) => `${key}=${value}${property === null ? '' : `;${property}`}`)
        .join(','),
    ),
  fc.integer({ min: 1, max: 3 }).map((times) => `k=${'v'.repeat(9_000)},`.repeat(times)),
);

const tracestateHeader = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_*/-]{0,8}(@[a-z]{1,5})?$/), fc.string({ maxLength: 12 })),
      { maxLength: 40 },
    )
    .map((members) => members.map(([key, value]) => `${key}=${value}`).join(',')),
);

function assertHeaderSafe(name: string, value: unknown): void {
  if (value === undefined) return;
  expect(typeof value).toBe('string');
  expect(() => validateHeaderValue(name, value as string)).not.toThrow();
}

function setup() {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'propagation',
    exporters: [exporter],
    logger: new RecordingLogger(),
  });
  return { exporter, tracing };
}

describe('W3C propagation under fuzzed headers', () => {
  it('extractContext never throws and accepts a traceparent exactly when it is valid', () => {
    fc.assert(
      fc.property(anyTraceparent, (header) => {
        let context: ReturnType<typeof extractContext>;
        expect(() => {
          context = extractContext({ traceparent: header });
        }).not.toThrow();
        expect(context! !== undefined).toBe(isValidTraceparent(header));
        if (context !== undefined) {
          const value = header.trim();
          expect(context.traceId).toBe(value.slice(3, 35));
          expect(context.parentSpanId).toBe(value.slice(36, 52));
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('never continues a bad trace: an invalid traceparent starts a new trace with no remote parent', async () => {
    const { exporter, tracing } = setup();
    const guard = new AppGuard().arm();
    fc.assert(
      fc.property(
        mutatedTraceparent.filter((header) => !isValidTraceparent(header)),
        (header) => {
          const span = guard.call(() =>
            tracing.startSpan({
              type: AISpanType.GENERIC,
              name: 'handler',
              ...extractContext({ traceparent: header }),
            }),
          );
          expect(span?.isValid).toBe(true);
          expect(header.toLowerCase()).not.toContain(span?.traceId);
          guard.call(() => span?.end());
        },
      ),
      { numRuns: 1_000 },
    );
    await tracing.flush();
    guard.disarm();
    expect(guard.errors).toEqual([]);
    for (const span of exporter.getFinishedSpans()) expect(span.parentSpanId).toBeUndefined();
  });

  it('passes on only valid, bounded, header-safe tracestate and baggage, and never throws on any carrier', () => {
    const { tracing } = setup();
    fc.assert(
      fc.property(validTraceparent, baggageHeader, tracestateHeader, (traceparent, baggage, tracestate) => {
        for (const carrier of [
          { traceparent, baggage, tracestate },
          { TraceParent: [traceparent], Baggage: [baggage, baggage], tracestate: [tracestate] },
          new Map([
            ['traceparent', traceparent],
            ['baggage', baggage],
            ['tracestate', tracestate],
          ]),
        ]) {
          const context = extractContext(carrier as never);
          expect(context?.traceId).toBe(traceparent.slice(3, 35));
          assertHeaderSafe('baggage', context?.baggage);
          assertHeaderSafe('tracestate', context?.traceState);
          if (context?.baggage !== undefined) {
            expect(Buffer.byteLength(context.baggage)).toBeLessThanOrEqual(8_192);
            expect(parseBaggage(context.baggage).size).toBeLessThanOrEqual(64);
          }
          if (context?.traceState !== undefined)
            expect(context.traceState.split(',').length).toBeLessThanOrEqual(32);
          const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'next', ...context });
          const outgoing: Record<string, string> = {};
          expect(() => injectContext(outgoing, span)).not.toThrow();
          for (const [name, value] of Object.entries(outgoing)) assertHeaderSafe(name, value);
          // A fetch Headers object throws on invalid values: injection must never hand it one.
          const headers = new Headers();
          injectContext(headers, span);
          // A remote "not sampled" decision is honoured: nothing is recorded, and the decision
          // travels on with the same trace id (flag 00) so the next service does not sample again.
          if (span.isValid) expect(headers.get('traceparent')).toBe(`00-${span.traceId}-${span.id}-01`);
          else
            expect(headers.get('traceparent')).toMatch(
              new RegExp(`^00-${context?.traceId}-[0-9a-f]{16}-00$`),
            );
          span.end();
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('survives hostile carriers: throwing getters, proxies, non-string values', () => {
    const hostileCarrier = fc.oneof(
      fc.anything(),
      fc.constant(
        new Proxy(
          {},
          {
            get() {
              throw new Error('get trap');
            },
            ownKeys() {
              throw new Error('ownKeys trap');
            },
          },
        ),
      ),
      fc.constant({
        get traceparent() {
          throw new Error('getter');
        },
      }),
      fc.constant({ get: () => ({ toString: () => '00-' }), set: () => {} }),
      fc.record({ traceparent: fc.anything(), baggage: fc.anything(), tracestate: fc.anything() }),
    );
    fc.assert(
      fc.property(hostileCarrier, (carrier) => {
        expect(() => extractContext(carrier as never)).not.toThrow();
        expect(() => injectContext(carrier as never)).not.toThrow();
      }),
      { numRuns: 1_000 },
    );
  });
});
