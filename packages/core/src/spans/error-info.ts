import type { AISpanErrorInfo } from '../types/exported-span';

// Fields that known error shapes carry (Node system errors, fetch, OpenAI,
// Anthropic, AWS SDK): useful in a trace, never secret by themselves.
const DETAIL_FIELDS = [
  'code',
  'status',
  'statusCode',
  'type',
  'param',
  'errno',
  'syscall',
  'requestId',
] as const;
const MAX_CAUSE_DEPTH = 3;

/**
 * Turn anything thrown into the plain `errorInfo` exporters see. Never throws:
 * throwing getters and odd values degrade to a message.
 */
export function toErrorInfo(error: unknown, depth = 0): AISpanErrorInfo {
  try {
    if (!(typeof error === 'object' && error !== null)) {
      return { message: typeof error === 'string' ? error : String(error) };
    }
    const record = error as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : String(error);
    const name = typeof record.name === 'string' ? record.name : undefined;
    const stack = typeof record.stack === 'string' ? record.stack : undefined;
    let details: Record<string, unknown> | undefined;
    for (const field of DETAIL_FIELDS) {
      const value = record[field];
      if (value !== undefined && value !== null && typeof value !== 'object' && typeof value !== 'function') {
        details ??= {};
        details[field] = value;
      }
    }
    if (record.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
      details ??= {};
      const cause = toErrorInfo(record.cause, depth + 1);
      details.cause = { name: cause.name, message: cause.message, details: cause.details };
    }
    if (Array.isArray(record.errors) && depth < MAX_CAUSE_DEPTH) {
      details ??= {};
      details.errors = record.errors.slice(0, 10).map((inner) => {
        const info = toErrorInfo(inner, depth + 1);
        return { name: info.name, message: info.message };
      });
    }
    const info: { message: string; name?: string; stack?: string; details?: Record<string, unknown> } = {
      message,
    };
    if (name !== undefined) info.name = name;
    if (stack !== undefined) info.stack = stack;
    if (details !== undefined) info.details = details;
    return info;
  } catch {
    return { message: 'Unreadable error' };
  }
}
