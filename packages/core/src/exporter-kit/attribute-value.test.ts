import { describe, expect, it } from 'vitest';
import { AISpanType } from '../types/span-type';
import { toAttributeValue, toJsonText } from './attribute-value';
import { genAiConversationIdOf } from './gen-ai-conversation';
import { genAiOperationOf } from './gen-ai-operation';

describe('toAttributeValue', () => {
  it('keeps primitives and one-type arrays, writes anything else as JSON text and leaves nulls out', () => {
    expect(toAttributeValue('a')).toBe('a');
    expect(toAttributeValue(false)).toBe(false);
    expect(toAttributeValue(3)).toBe(3);
    expect(toAttributeValue(Number.NaN)).toBe('NaN');
    expect(toAttributeValue(['a', 'b'])).toEqual(['a', 'b']);
    expect(toAttributeValue([])).toEqual([]);
    expect(toAttributeValue([1, 'b'])).toBe('[1,"b"]');
    expect(toAttributeValue({ id: 42 })).toBe('{"id":42}');
    expect(toAttributeValue(null)).toBeUndefined();
    expect(toAttributeValue(undefined)).toBeUndefined();
  });

  it('never throws on a value JSON cannot write', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toAttributeValue(cyclic)).toBe('[Unserializable]');
    expect(toJsonText(10n)).toBe('[Unserializable]');
    expect(toJsonText('as is')).toBe('as is');
  });
});

describe('GenAI conventions of a span', () => {
  it('names the operation of each span type that has one', () => {
    expect(genAiOperationOf(AISpanType.LLM_GENERATION)).toBe('chat');
    expect(genAiOperationOf(AISpanType.AGENT_RUN)).toBe('invoke_agent');
    expect(genAiOperationOf(AISpanType.WORKFLOW_RUN)).toBe('invoke_workflow');
    expect(genAiOperationOf(AISpanType.MCP_TOOL_CALL)).toBe('execute_tool');
    expect(genAiOperationOf(AISpanType.GENERIC)).toBeUndefined();
  });

  it('takes the conversation id from conversationId, then sessionId, then threadId', () => {
    expect(genAiConversationIdOf({ threadId: 't', sessionId: 's' })).toBe('s');
    expect(genAiConversationIdOf({ conversationId: '', threadId: 't' })).toBe('t');
    expect(genAiConversationIdOf({ sessionId: 7 })).toBeUndefined();
    expect(genAiConversationIdOf(undefined)).toBeUndefined();
  });
});
