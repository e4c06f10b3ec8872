// Compiled by `pnpm typecheck`, never run: the object instrumentAISDK returns
// must be accepted where each supported AI SDK major expects it, without casts.
import type { generateText as generateTextV6 } from 'ai';
import type { generateText as generateTextV5 } from 'ai-v5';
import type { generateText as generateTextV7, registerTelemetry } from 'ai-v7';
import { instrumentAISDK } from '../src/index';

const telemetry = instrumentAISDK();

export const v5: Parameters<typeof generateTextV5>[0]['experimental_telemetry'] = telemetry;
export const v5Spread: Parameters<typeof generateTextV5>[0]['experimental_telemetry'] = {
  ...telemetry,
  functionId: 'support-agent',
};
export const v6: Parameters<typeof generateTextV6>[0]['experimental_telemetry'] = telemetry;
export const v7Registered: Parameters<typeof registerTelemetry> = [telemetry];
export const v7PerCall: Parameters<typeof generateTextV7>[0]['telemetry'] = { integrations: [telemetry] };
