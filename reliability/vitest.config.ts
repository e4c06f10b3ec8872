import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared';

// The fault matrix and the load smoke wait on real sockets and retries: long timeouts, never
// assertions on absolute timing. Each test file runs in its own process (dd-trace is a singleton);
// most of them wait on timers rather than the CPU, so three run at once even on two cores.
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      testTimeout: 300_000,
      hookTimeout: 300_000,
      maxWorkers: 3,
    },
  }),
);
