// The logger contract lives in types/logger.ts (the floor every other imports).
// This type-only alias remains for internal/log-once.ts, which the exporter-kit
// work is rewriting; it goes once that file imports ../types/logger.
export type { AITracingLogger, LogLevel } from '../types/logger';
