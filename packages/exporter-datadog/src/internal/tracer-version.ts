import { createRequire } from 'node:module';

/**
 * `Datadog-Meta-Tracer-Version` of our APM requests: this package's version
 * (the agent uses it for its per-tracer stats only). Read once; `0.0.0` when
 * the package.json cannot be read (bundled builds).
 */
export const TRACER_VERSION: string = readVersion();

function readVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require('@aitracing/exporter-datadog/package.json') as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
