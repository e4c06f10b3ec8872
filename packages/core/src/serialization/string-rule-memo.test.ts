import { describe, expect, it } from 'vitest';
import { SensitiveDataFilter } from '../processors/sensitive-data-filter';
import type { KeyRedactor } from '../types/key-redactor';
import { safeSerialize } from './safe-serialize';
import { DEFAULT_SERIALIZATION_LIMITS } from './serialization-options';

const limits = DEFAULT_SERIALIZATION_LIMITS;
const HISTORY = 'The user asked about order #1234 and the assistant looked it up with the lookup tool.';

/** A value rule that upper-cases and records every string it is asked about. */
function countingRule(): KeyRedactor & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isSensitiveKey: () => false,
    mask: (value) => value,
    redactString(value: string): string {
      calls.push(value);
      return value.toUpperCase();
    },
  };
}

describe('the value rule memo', () => {
  it('answers a long string seen before without running the rule again, with the same result', () => {
    const rule = countingRule();
    const first = safeSerialize({ messages: [{ content: HISTORY }] }, limits, rule);
    const second = safeSerialize({ messages: [{ content: HISTORY }, { content: HISTORY }] }, limits, rule);
    expect(first).toEqual({ messages: [{ content: HISTORY.toUpperCase() }] });
    expect(second).toEqual({
      messages: [{ content: HISTORY.toUpperCase() }, { content: HISTORY.toUpperCase() }],
    });
    expect(rule.calls.filter((call) => call === HISTORY)).toHaveLength(1);
  });

  it('recognises equal text in a different string object', () => {
    const rule = countingRule();
    safeSerialize({ content: HISTORY }, limits, rule);
    const rebuilt = [...HISTORY].join('');
    expect(safeSerialize({ content: rebuilt }, limits, rule)).toEqual({ content: HISTORY.toUpperCase() });
    expect(rule.calls.filter((call) => call === HISTORY)).toHaveLength(1);
  });

  it('runs the rule on every string under 8 characters (the lookup would cost more than the scan)', () => {
    const rule = countingRule();
    safeSerialize(['short', 'short', 'gpt-4o-mini', 'gpt-4o-mini'], limits, rule);
    expect(rule.calls).toEqual(['short', 'short', 'gpt-4o-mini']);
  });

  it('keeps one memo per redactor: another rule never gets the first one’s answer', () => {
    const upper = countingRule();
    const lower: KeyRedactor = { ...countingRule(), redactString: (value) => value.toLowerCase() };
    safeSerialize(HISTORY, limits, upper);
    expect(safeSerialize(HISTORY, limits, lower)).toBe(HISTORY.toLowerCase());
    expect(safeSerialize(HISTORY, limits, upper)).toBe(HISTORY.toUpperCase());
  });

  it('does not keep a failure: the string fails closed and the rule is asked again next time', () => {
    let failures = 1;
    const flaky: KeyRedactor = {
      isSensitiveKey: () => false,
      mask: (value) => value,
      redactString(value: string): string {
        if (failures-- > 0) throw new Error('rule failed');
        return value.toUpperCase();
      },
    };
    expect(safeSerialize({ content: HISTORY }, limits, flaky)).toEqual({ content: '[Redaction failed]' });
    expect(safeSerialize({ content: HISTORY }, limits, flaky)).toEqual({ content: HISTORY.toUpperCase() });
  });

  it('stays bounded: after thousands of other strings, an old one is scanned again', () => {
    const rule = countingRule();
    safeSerialize(HISTORY, limits, rule);
    for (let index = 0; index < 5_000; index++) safeSerialize(`${HISTORY} (turn ${index})`, limits, rule);
    safeSerialize(HISTORY, limits, rule);
    expect(rule.calls.filter((call) => call === HISTORY)).toHaveLength(2);
  });

  it('still redacts a repeated secret in every span that carries it', () => {
    const filter = new SensitiveDataFilter();
    const text = 'Use the key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789 for the call, please.';
    const first = safeSerialize({ prompt: text }, limits, filter) as { prompt: string };
    const second = safeSerialize({ prompt: text }, limits, filter) as { prompt: string };
    expect(first.prompt).not.toContain('sk-proj-');
    expect(second).toEqual(first);
  });
});

describe('the value rule memo on text that never repeats', () => {
  it('steps aside for a while after a generation of misses, then memoises again', () => {
    const rule = countingRule();
    // A full generation of new strings: no hit, so the memo stops looking strings up for a while.
    for (let index = 0; index < 2_049; index++) safeSerialize(`${HISTORY} (fresh ${index})`, limits, rule);
    safeSerialize(HISTORY, limits, rule);
    safeSerialize(HISTORY, limits, rule);
    expect(rule.calls.filter((call) => call === HISTORY)).toHaveLength(2);
    // Past the pause, repeated text is answered from the memo again.
    for (let index = 0; index < 16_384; index++) safeSerialize(`${HISTORY} (later ${index})`, limits, rule);
    rule.calls.length = 0;
    safeSerialize(HISTORY, limits, rule);
    safeSerialize(HISTORY, limits, rule);
    expect(rule.calls.filter((call) => call === HISTORY)).toHaveLength(1);
  });
});
