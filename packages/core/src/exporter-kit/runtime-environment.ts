import { processEnvironment } from '../internal/environment';

/**
 * The environment variables exporters read their defaults from:
 * `process.env` where the runtime has it (Node, Bun, Deno, Workers with
 * `nodejs_compat`), an empty object elsewhere (browsers). Never throws.
 */
export function runtimeEnvironment(): NodeJS.ProcessEnv {
  return processEnvironment();
}
