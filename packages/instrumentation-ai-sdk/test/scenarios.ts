import { describe } from 'vitest';
import { callScenarios } from './call-scenarios';
import { type AISDKUnderTest, scenarioKit } from './scenario-kit';
import { streamScenarios } from './stream-scenarios';

export type { AISDKUnderTest } from './scenario-kit';

/** Run every scenario against one AI SDK major, in a `describe` block. */
export function describeAISDK(label: string, load: () => AISDKUnderTest | Promise<AISDKUnderTest>): void {
  describe(label, async () => {
    const kit = scenarioKit(await load());
    callScenarios(kit);
    streamScenarios(kit);
  });
}
