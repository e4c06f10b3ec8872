import { safeLog } from '../exporter-kit/log-once';
import type { AITracingLogger } from '../types/logger';

// Process-wide, like the environment itself: one line per bad variable and value,
// however many instances read it. Bounded, as every set we keep.
const MAX_WARNINGS = 100;
const MAX_ECHOED_LENGTH = 40;
const warned = new Set<string>();

/**
 * Warn, once per process for each variable and value, that an environment
 * variable holds an invalid value and is ignored. The value is echoed (cut
 * to 40 characters) so the user can find it. Never throws.
 */
export function warnInvalidEnvOnce(
  logger: AITracingLogger,
  variable: string,
  value: string,
  allowed: string,
  fallback: string,
): void {
  const key = `${variable}=${value}`;
  if (warned.has(key) || warned.size >= MAX_WARNINGS) return;
  warned.add(key);
  const echoed = value.length > MAX_ECHOED_LENGTH ? `${value.slice(0, MAX_ECHOED_LENGTH)}…` : value;
  safeLog(logger, 'warn', `ignoring ${variable}=${JSON.stringify(echoed)}: it ${allowed}; using ${fallback}`);
}

/**
 * Read a boolean environment variable: `true`/`1` or `false`/`0` (any case,
 * trimmed); unset or empty is undefined. Anything else warns once (see
 * {@link warnInvalidEnvOnce}) and reads as undefined, so the default applies.
 */
export function readBooleanEnv(
  logger: AITracingLogger,
  variable: string,
  raw: string | undefined,
  fallback: string,
): boolean | undefined {
  const text = raw?.trim();
  if (text === undefined || text === '') return undefined;
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  warnInvalidEnvOnce(logger, variable, text, "must be 'true', 'false', '1' or '0'", fallback);
  return undefined;
}
