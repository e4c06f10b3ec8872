import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AITracingExporter } from '../types/exporter';

const CONSOLE_EXPORTER_PACKAGE = '@aitracing/exporter-console';

/**
 * Find `@aitracing/exporter-console` if the app installed it, for the
 * `default` instance, without core depending on it: resolved from core's own
 * location, then from the app's working directory. Undefined when it is not
 * installed. Never throws.
 */
export function discoverConsoleExporter(): AITracingExporter | undefined {
  const bases = [import.meta.url, join(process.cwd(), 'package.json')];
  for (const base of bases) {
    try {
      const load = createRequire(base);
      const module = load(CONSOLE_EXPORTER_PACKAGE) as { ConsoleExporter?: new () => AITracingExporter };
      if (typeof module.ConsoleExporter === 'function') return new module.ConsoleExporter();
    } catch {
      // Not installed where this base looks: try the next one.
    }
  }
  return undefined;
}

export { CONSOLE_EXPORTER_PACKAGE };
