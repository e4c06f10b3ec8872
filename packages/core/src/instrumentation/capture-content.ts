import { readBooleanEnv } from '../internal/invalid-env-warning';
import { DefaultLogger } from '../logger/default-logger';
import type { AITracingLogger } from '../types/logger';

/** Environment variable that turns content capture off for every instrumentation. */
export const CAPTURE_CONTENT_ENV = 'AITRACING_CAPTURE_CONTENT';

/**
 * Whether an instrumentation records prompts and completions: the option when
 * given, else `AITRACING_CAPTURE_CONTENT` (`true`/`false`, `1`/`0`), else
 * `true`. With `false`, spans keep model, usage and timings but no input or
 * output. A bad environment value warns once, echoing it, and falls back to
 * `true`.
 */
export function resolveCaptureContent(option?: boolean, logger?: AITracingLogger): boolean {
  if (typeof option === 'boolean') return option;
  const raw = typeof process === 'undefined' ? undefined : process.env?.[CAPTURE_CONTENT_ENV];
  if (raw === undefined || raw.trim() === '') return true;
  return (
    readBooleanEnv(
      logger ?? new DefaultLogger(),
      CAPTURE_CONTENT_ENV,
      raw,
      'the default (content captured)',
    ) ?? true
  );
}
