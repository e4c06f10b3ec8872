import { describePlainScriptShutdown } from '@aitracing/test-support';

// Runs test/fixtures/shutdown-script.{mjs,cjs} in a separate Node process against the built dist
// (`turbo run test` builds it first), exactly as a user's script runs.
describePlainScriptShutdown('LangfuseExporter', new URL('./fixtures/', import.meta.url));
