import { describe, expect, it } from 'vitest';
import { generateSpanId, generateTraceId } from './id-generator';

describe('id generator', () => {
  it('makes lowercase hex ids of OpenTelemetry length that do not repeat across pool refills', () => {
    const spanIds = new Set<string>();
    const traceIds = new Set<string>();
    // 20k pairs: the 8 KiB pool is refilled dozens of times.
    for (let i = 0; i < 20_000; i++) {
      const spanId = generateSpanId();
      const traceId = generateTraceId();
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      spanIds.add(spanId);
      traceIds.add(traceId);
    }
    expect(spanIds.size).toBe(20_000);
    expect(traceIds.size).toBe(20_000);
  });
});
