// `process.env` where the runtime has one (Node, Bun, Deno, Workers with
// `nodejs_compat`), an empty object elsewhere (browsers, Workers without it).
const EMPTY: NodeJS.ProcessEnv = {};

/**
 * The environment variables, or an empty object where the runtime has none.
 * Never throws (Deno without `--allow-env` throws on access: empty then).
 */
export function processEnvironment(): NodeJS.ProcessEnv {
  try {
    return typeof process === 'undefined' ? EMPTY : (process.env ?? EMPTY);
  } catch {
    return EMPTY;
  }
}

/** One environment variable, or `undefined`; never throws. */
export function readEnvironmentVariable(name: string): string | undefined {
  try {
    return processEnvironment()[name];
  } catch {
    // Some runtimes throw on environment access without a permission.
    return undefined;
  }
}
