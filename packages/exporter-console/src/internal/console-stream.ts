import type { ConsoleExporterStream } from '../console-exporter-options';

/**
 * Where output goes when no `stream` is given: `process.stdout` where the
 * runtime has one (Node, Bun, Deno), else `console.log` one line at a time
 * (Workers, Vercel Edge, browsers), which the platform's log viewer shows.
 */
export function defaultConsoleStream(): ConsoleExporterStream {
  const stdout = (globalThis as { readonly process?: { readonly stdout?: ConsoleExporterStream } }).process
    ?.stdout;
  if (stdout !== undefined && typeof stdout.write === 'function') return stdout;
  return {
    write(text: string) {
      console.log(text.endsWith('\n') ? text.slice(0, -1) : text);
      return true;
    },
  };
}
