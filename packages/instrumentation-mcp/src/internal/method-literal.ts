/**
 * The `method` literal of a request schema given to `setRequestHandler`
 * (zod 3 and zod 4 schemas, as the SDK's 1.x releases use), or undefined when
 * it cannot be read — then the handler is wrapped and checks the request's
 * method when it runs. Never throws.
 */
export function methodLiteral(schema: unknown): string | undefined {
  try {
    const method = (schema as { shape?: { method?: unknown } } | null)?.shape?.method as
      | { value?: unknown; _def?: { value?: unknown }; _zod?: { def?: { values?: unknown[] } } }
      | undefined;
    if (method === undefined || method === null) return undefined;
    const value = method.value ?? method._def?.value ?? method._zod?.def?.values?.[0];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
