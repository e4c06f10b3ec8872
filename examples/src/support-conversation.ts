import { propagateAttributes, type ScoreInput, type SpanStarter } from '@aitracing/core';
import { runSupportAgent, type SupportAnswer } from './support-agent';

/** Where the conversation's spans and the user's feedback go (an `Observability` or an `AITracing`). */
export interface ScoringTracer extends SpanStarter {
  score(score: ScoreInput): void;
}

/** The signed-in user and the chat the demo question comes from. */
export const DEMO_USER = {
  userId: 'user-42',
  sessionId: 'support-chat-7',
  tags: ['demo', 'support'],
} as const;

/**
 * One turn of a support chat as an app would run it: the request handler sets
 * the user and session once (every span of the turn carries them, the
 * generations the agent makes included), and when the user clicks "helpful"
 * afterwards, the feedback endpoint scores the trace by its id.
 */
export async function runSupportConversation(
  tracing: ScoringTracer,
  question: string,
): Promise<SupportAnswer> {
  const answer = await propagateAttributes(
    { userId: DEMO_USER.userId, sessionId: DEMO_USER.sessionId, tags: DEMO_USER.tags },
    () => runSupportAgent(tracing, question),
  );
  // Later, in the feedback endpoint: the trace id came back with the answer.
  tracing.score({
    traceId: answer.traceId,
    name: 'user-feedback',
    value: 1,
    source: 'user-feedback',
    comment: 'Found my parcel, thanks!',
    userId: DEMO_USER.userId,
    sessionId: DEMO_USER.sessionId,
  });
  return answer;
}
