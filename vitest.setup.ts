import { afterEach, beforeEach, vi } from 'vitest';

// Console guard: a library that prints by surprise is a bug. Any test that writes
// through `console` fails; tests that expect output give their own stream or logger.
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let printed: string[] = [];

beforeEach(() => {
  printed = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  if (printed.length > 0) {
    const lines = printed.join('\n');
    printed = [];
    throw new Error(`Test printed to the console unexpectedly:\n${lines}`);
  }
});
