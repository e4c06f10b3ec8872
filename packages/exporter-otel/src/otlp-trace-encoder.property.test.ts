import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialJson, officialProtobuf } from '../test/official-serializers';
import type { OtlpAttributes, OtlpAttributeValue, OtlpSpan } from './otlp-span';
import { OtlpTraceEncoder } from './otlp-trace-encoder';
import { createResource } from './resource';
import { SpanConverter } from './span-converter';

// Any UTF-16 string, lone surrogates included.
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
});
const anyNumber = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(), // NaN, ±Infinity, -0 and subnormals included
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(Number), // integers beyond 2^53, at and past the int64 edges
  fc.constantFrom(2 ** 63, -(2 ** 63), 2 ** 32, 2 ** 32 - 1, -1),
);
const { value: anyValue } = fc.letrec<{ value: OtlpAttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyText,
    anyNumber,
    fc.boolean(),
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom(null, undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(anyText, tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
}));
const anyAttributes = fc.dictionary(anyText, anyValue, {
  maxKeys: 12,
  noNullPrototype: true,
}) as fc.Arbitrary<OtlpAttributes>;

const resource = { attributes: { 'service.name': 'fuzz' } };
const scope = { name: 'fuzz', version: '1' };

function spanWith(attributes: OtlpAttributes, name: string, eventAttributes: OtlpAttributes): OtlpSpan {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: undefined,
    parentIsRemote: false,
    traceFlags: 1,
    name,
    kind: 1,
    startTimeMs: 1_764_770_000_000.5,
    endTimeMs: 1_764_770_000_001.25,
    attributes,
    events: [{ name: 'event', timeMs: 1_764_770_000_001, attributes: eventAttributes }],
    links: [],
    statusCode: 0,
    resource,
    scope,
  };
}

describe('OtlpTraceEncoder with fuzzed attribute values', () => {
  it('writes the same protobuf bytes and JSON as OpenTelemetry’s serializers for any attributes', () => {
    const encoder = new OtlpTraceEncoder();
    fc.assert(
      fc.property(anyAttributes, anyText, anyAttributes, (attributes, name, eventAttributes) => {
        const spans = [spanWith(attributes, name, eventAttributes)];
        expect(Buffer.compare(encoder.encodeProtobuf(spans), officialProtobuf(spans))).toBe(0);
        expect(JSON.parse(encoder.encodeJson(spans))).toEqual(officialJson(spans));
      }),
      { numRuns: 300 },
    );
  });
});

describe('SpanConverter + OtlpTraceEncoder with fuzzed span content', () => {
  it('encodes any metadata, attributes, input and output as OpenTelemetry would', () => {
    const encoder = new OtlpTraceEncoder();
    const converter = new SpanConverter({
      resource: createResource({ serviceName: 'fuzz' }, {}),
      openInference: true,
    });
    const anyContent = fc.oneof(anyText, fc.jsonValue(), anyValue);
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(AISpanType)),
        fc.dictionary(anyText, anyContent, { maxKeys: 8, noNullPrototype: true }),
        fc.dictionary(anyText, anyContent, { maxKeys: 8, noNullPrototype: true }),
        anyContent,
        anyContent,
        (type, attributes, metadata, input, output) => {
          const span = {
            id: 'b7ad6b7169203331',
            traceId: '0af7651916cd43dd8448eb211c80319c',
            name: 'fuzzed',
            type,
            startTime: 1_764_770_000_000.5,
            endTime: 1_764_770_000_002.75,
            attributes,
            metadata,
            input,
            output,
            isEvent: false,
            isRootSpan: true,
          } as ExportedAISpan;
          const spans = [converter.convert(span)];
          expect(Buffer.compare(encoder.encodeProtobuf(spans), officialProtobuf(spans))).toBe(0);
          expect(JSON.parse(encoder.encodeJson(spans))).toEqual(officialJson(spans));
        },
      ),
      { numRuns: 200 },
    );
  });
});
