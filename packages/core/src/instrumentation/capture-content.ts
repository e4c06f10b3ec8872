import { DefaultLogger } from '../logger/default-logger';
import type { AITracingLogger } from '../types/logger';

/** Environment variable that turns content capture off for every instrumentation. */
export const CAPTURE_CONTENT_ENV = 'AITRACING_CAPTURE_CONTENT';

const TRUE_VALUES = new Set(['true', '1', 'yes', 'on']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'off']);
let warnedValue: string | undefined;

/**
 * Whether an instrumentation records prompts and completions: the option when
 * given, else `AITRACING_CAPTURE_CONTENT` (`true`/`false`), else `true`. With
 * `false`, spans keep model, usage and timings but no input or output. A bad
 * environment value warns once, echoing it, and falls back to `true`.
 */
export function resolveCaptureContent(option?: boolean, logger?: AITracingLogger): boolean {
  if (typeof option === 'boolean') return option;
  const raw = typeof process === 'undefined' ? undefined : process.env?.[CAPTURE_CONTENT_ENV];
  if (raw === undefined || raw.trim() === '') return true;
  const value = raw.trim().toLowerCase();
  if (TRUE_VALUES.has(value)) return true;
  if (FALSE_VALUES.has(value)) return false;
  if (warnedValue !== raw) {
    warnedValue = raw;
    (logger ?? new DefaultLogger()).warn(
      `${CAPTURE_CONTENT_ENV}="${raw.slice(0, 50)}" is not true or false; content is captured (the default)`,
    );
  }
  return true;
}
