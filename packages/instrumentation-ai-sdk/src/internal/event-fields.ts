/** A field of an AI SDK telemetry event (events are read defensively: shapes vary across minors). */
export function eventField(event: unknown, key: string): unknown {
  return event !== null && typeof event === 'object' ? (event as Record<string, unknown>)[key] : undefined;
}

/** A non-empty string field of an event, or undefined. */
export function eventString(event: unknown, key: string): string | undefined {
  const value = eventField(event, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The AI SDK major that emitted a telemetry event (`aiVersion`, set by v7 and later). */
export function eventMajor(event: unknown): number | undefined {
  const version = eventString(event, 'aiVersion');
  if (version === undefined) return undefined;
  const major = Number.parseInt(version, 10);
  return Number.isFinite(major) ? major : undefined;
}

/** An object without its `undefined` fields; undefined when none is left. */
export function definedFields(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  let result: Record<string, unknown> | undefined;
  for (const key in fields) {
    if (fields[key] !== undefined) {
      result ??= {};
      result[key] = fields[key];
    }
  }
  return result;
}
