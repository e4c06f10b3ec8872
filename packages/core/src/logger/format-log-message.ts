type FormatWithOptions = (options: { depth: number; breakLength: number }, ...values: unknown[]) => string;

interface NodeProcess {
  readonly getBuiltinModule?: (id: string) => { readonly formatWithOptions?: FormatWithOptions } | undefined;
}

// Node's own formatting where the runtime hands it out without an import (Node >= 20.16,
// Bun, Deno): no top-level `node:util`, which Workers at older compatibility dates lack.
function loadNodeFormat(): FormatWithOptions | undefined {
  try {
    const nodeProcess = (globalThis as { readonly process?: NodeProcess }).process;
    return nodeProcess?.getBuiltinModule?.('node:util')?.formatWithOptions;
  } catch {
    return undefined;
  }
}

const nodeFormat = loadNodeFormat();

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * One log line's text: the message and its arguments as Node's
 * `util.format` writes them where it is available, and space-separated
 * (errors by their stack, objects as JSON) elsewhere.
 */
export function formatLogMessage(message: string, args: readonly unknown[]): string {
  if (nodeFormat !== undefined)
    return nodeFormat({ depth: 4, breakLength: Number.POSITIVE_INFINITY }, message, ...args);
  return [message, ...args].map(describe).join(' ');
}

/**
 * Where the default logger writes: `process.stderr` where it exists,
 * otherwise `console.error` (Workers, browsers), one line per message.
 */
export function defaultLogWrite(line: string): void {
  const stderr = (
    globalThis as { readonly process?: { readonly stderr?: { write?: (text: string) => unknown } } }
  ).process?.stderr;
  if (typeof stderr?.write === 'function') {
    stderr.write(line);
    return;
  }
  // biome-ignore lint/suspicious/noConsole: without a stderr stream the console is the runtime's only log sink.
  console.error(line.endsWith('\n') ? line.slice(0, -1) : line);
}
