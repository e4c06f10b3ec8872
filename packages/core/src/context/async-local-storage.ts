// The context store of Node, Bun, Deno, Vercel Edge and Workers with `nodejs_compat`:
// the only Node built-in core imports at the top level. The `browser` build swaps
// this file for `async-local-storage.browser.ts` (see tsup.config.ts).
export { AsyncLocalStorage } from 'node:async_hooks';
