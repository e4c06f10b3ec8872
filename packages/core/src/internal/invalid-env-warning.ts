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
