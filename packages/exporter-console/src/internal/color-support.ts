import type { ConsoleExporterStream } from '../console-exporter-options';

/**
 * Whether to colour output written to `stream`, following Node's own rules:
 * `FORCE_COLOR` wins (`0` or `false` mean off, any other value on), then a
 * non-empty `NO_COLOR` or `TERM=dumb` turn colour off, else colour is on for
 * a terminal only.
 */
export function detectColor(stream: ConsoleExporterStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const lower = force.trim().toLowerCase();
    return lower !== '0' && lower !== 'false';
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
