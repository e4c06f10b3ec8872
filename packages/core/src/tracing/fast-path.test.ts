import { afterEach, describe, expect, it, vi } from 'vitest';
import { CostEstimator } from '../cost/cost-estimator';
import { SensitiveDataFilter } from '../processors/sensitive-data-filter';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import type { ProcessorFastPath } from '../types/processor-fast-path';
import type { LLMCost } from '../types/span-attributes';
import { AISpanType } from '../types/span-type';
import type { AISpanProcessor, AnyAISpan } from '../types/tracing';
import { DefaultAITracing } from './default-ai-tracing';
import type { TracingConstructorConfig } from './resolve-config';

function setup(config: Partial<TracingConstructorConfig> = {}) {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], logger, ...config });
  return { exporter, logger, tracing };
}

/** Ends one span of `type` and returns what the exporter got for it (span_started, then span_ended). */
async function traceOne(
  tracing: DefaultAITracing,
  exporter: InMemoryExporter,
  type: AISpanType = AISpanType.GENERIC,
  attributes?: Record<string, unknown>,
) {
  tracing
    .startSpan({
      type,
      name: 'op',
      attributes: attributes as never,
      metadata: { tenantId: 't-1', password: 'hunter2', note: 'kept' },
      input: { ssn: '123-45-6789', question: 'q' },
    })
    .end();
  await tracing.flush();
  return exporter.getFinishedSpans()[0]!;
}

/** A subclass that only extends the rule: `tenantId` is sensitive too. */
class TenantFilter extends SensitiveDataFilter {
  keyChecks = 0;
  override isSensitiveKey(key: string): boolean {
    this.keyChecks++;
    return key === 'tenantId' || super.isSensitiveKey(key);
  }
}

/** A user's own redactor (no class of ours): `ssn` is masked. */
function ssnRedactor() {
  const counts = { process: 0, keyChecks: 0 };
  const rule = {
    isSensitiveKey: (key: string) => {
      counts.keyChecks++;
      return key === 'ssn';
    },
    mask: () => '***-**-****',
  };
  const processor: AISpanProcessor = {
    name: 'ssn-redactor',
    process(span) {
      counts.process++;
      const input = span?.input as Record<string, unknown> | undefined;
      if (span && input?.ssn !== undefined) span.input = { ...input, ssn: rule.mask() };
      return span;
    },
    fastPath: () => ({ redactKeys: rule }),
    shutdown: async () => {},
  };
  return { processor, counts };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('processor fast path', () => {
  it("fuses a SensitiveDataFilter subclass's own rule into the serialisation walk, without calling process()", async () => {
    const process = vi.spyOn(SensitiveDataFilter.prototype, 'process');
    const filter = new TenantFilter();
    const { exporter, tracing } = setup({ processors: [filter] });
    const span = await traceOne(tracing, exporter);
    expect(span.metadata).toEqual({ tenantId: '[REDACTED]', password: '[REDACTED]', note: 'kept' });
    expect(tracing.getProcessors()[0]).toBe(filter);
    expect(process).not.toHaveBeenCalled();
    expect(filter.keyChecks).toBeGreaterThan(0);
  });

  it('calls process() of a subclass that overrides it, once per snapshot, and its redaction still applies', async () => {
    let calls = 0;
    class CountingFilter extends SensitiveDataFilter {
      override process(span?: AnyAISpan): AnyAISpan | undefined {
        calls++;
        return super.process(span);
      }
    }
    const { exporter, tracing } = setup({ processors: [new CountingFilter()] });
    const span = await traceOne(tracing, exporter);
    expect(span.metadata).toEqual({ tenantId: 't-1', password: '[REDACTED]', note: 'kept' });
    // span_started and span_ended: one snapshot each.
    expect(calls).toBe(2);
  });

  it("fuses a user's own redaction rule when it runs first, and calls process() when something runs before it", async () => {
    const first = ssnRedactor();
    const fused = setup({ sensitiveDataFilter: false, processors: [first.processor] });
    expect((await traceOne(fused.tracing, fused.exporter)).input).toEqual({
      ssn: '***-**-****',
      question: 'q',
    });
    expect(first.counts.process).toBe(0);
    expect(first.counts.keyChecks).toBeGreaterThan(0);

    const seenBefore: unknown[] = [];
    const second = ssnRedactor();
    const ordered = setup({
      sensitiveDataFilter: false,
      processors: [
        {
          name: 'look',
          process: (span) => {
            seenBefore.push((span?.input as Record<string, unknown> | undefined)?.ssn);
            return span;
          },
          shutdown: async () => {},
        },
        second.processor,
      ],
    });
    expect((await traceOne(ordered.tracing, ordered.exporter)).input).toEqual({
      ssn: '***-**-****',
      question: 'q',
    });
    // The processor before the redactor saw the value: the chain's order is kept.
    expect(seenBefore).toEqual(['123-45-6789', '123-45-6789']);
    expect(second.counts.process).toBe(2);
    expect(second.counts.keyChecks).toBe(0);
  });

  it("fuses a user's attribute enrichment after the built-in steps, for its span types only", async () => {
    let processCalls = 0;
    let enrichCalls = 0;
    const regionTagger: AISpanProcessor = {
      name: 'region-tagger',
      spanTypes: [AISpanType.LLM_GENERATION],
      process(span) {
        processCalls++;
        return span;
      },
      fastPath: () => ({
        enrichAttributes: (attributes) => {
          enrichCalls++;
          return Object.assign(attributes ?? {}, { region: 'eu-west-1' });
        },
      }),
      shutdown: async () => {},
    };
    const { exporter, tracing } = setup({ processors: [regionTagger] });
    const llm = await traceOne(tracing, exporter, AISpanType.LLM_GENERATION, {
      model: 'gpt-4o',
      usage: { promptTokens: 1_000_000, completionTokens: 0 },
    });
    expect(llm.attributes).toMatchObject({ model: 'gpt-4o', region: 'eu-west-1', cost: { input: 2.5 } });
    expect(llm.metadata).toMatchObject({ password: '[REDACTED]' });
    expect(enrichCalls).toBe(2);
    expect(processCalls).toBe(0);
    exporter.reset();
    const generic = await traceOne(tracing, exporter, AISpanType.GENERIC, { note: 'x' });
    expect(generic.attributes).toEqual({ note: 'x' });
    expect(enrichCalls).toBe(2);
  });

  it("fuses a CostEstimator subclass's own estimate, without calling process()", async () => {
    const process = vi.spyOn(CostEstimator.prototype, 'process');
    let estimates = 0;
    class FlatRate extends CostEstimator {
      override estimate(model: string | undefined) {
        estimates++;
        return model === 'in-house'
          ? ({ input: 0, output: 0, total: 1, currency: 'USD' } as LLMCost)
          : undefined;
      }
    }
    const { exporter, tracing } = setup({ processors: [new FlatRate()] });
    const span = await traceOne(tracing, exporter, AISpanType.LLM_GENERATION, { model: 'in-house' });
    expect(span.attributes).toEqual({
      model: 'in-house',
      cost: { input: 0, output: 0, total: 1, currency: 'USD' },
    });
    expect(tracing.getProcessors().map((processor) => processor.name)).toEqual([
      'sensitive-data-filter',
      'cost-estimator',
    ]);
    expect(estimates).toBe(2);
    expect(process).not.toHaveBeenCalled();
  });

  it('withholds the span data when a fused enrichment throws, and logs it once', async () => {
    const { exporter, logger, tracing } = setup({
      processors: [
        {
          name: 'broken-enricher',
          process: (span) => span,
          fastPath: () => ({
            enrichAttributes: () => {
              throw new Error('boom');
            },
          }),
          shutdown: async () => {},
        },
      ],
    });
    const span = await traceOne(tracing, exporter);
    expect(span).toMatchObject({
      attributes: undefined,
      input: undefined,
      metadata: { processorError: expect.any(String) },
    });
    expect(JSON.stringify(span)).not.toContain('question');
    expect(logger.at('error').filter((line) => line.includes('broken-enricher'))).toHaveLength(1);
  });

  it('calls process() when fastPath() throws or returns nothing usable, and says so once', async () => {
    let calls = 0;
    const counting = (name: string, fastPath: () => ProcessorFastPath | undefined): AISpanProcessor => ({
      name,
      process(span) {
        calls++;
        return span;
      },
      fastPath,
      shutdown: async () => {},
    });
    const { exporter, logger, tracing } = setup({
      processors: [
        counting('throws', () => {
          throw new Error('no fast path today');
        }),
        counting('empty', () => ({}) as ProcessorFastPath),
        counting('declines', () => undefined),
      ],
    });
    const span = await traceOne(tracing, exporter);
    expect(span.metadata).toMatchObject({ password: '[REDACTED]' });
    expect(calls).toBe(6);
    expect(logger.at('warn').filter((line) => line.includes('"throws"'))).toHaveLength(1);
    expect(logger.at('warn').filter((line) => line.includes('"empty"'))).toHaveLength(1);
  });
});
