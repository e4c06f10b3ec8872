// Metadata keys that carry the conversation id, in order of preference.
const CONVERSATION_KEYS = ['conversationId', 'sessionId', 'threadId'] as const;

/**
 * The conversation a span belongs to, for `gen_ai.conversation.id`: the
 * first non-empty string among the span metadata's `conversationId`,
 * `sessionId` and `threadId`, in that order; `undefined` when none is set.
 * Never throws.
 */
export function genAiConversationIdOf(
  metadata: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  if (metadata === undefined) return undefined;
  for (const key of CONVERSATION_KEYS) {
    const value = metadata[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
