// The shared test machinery of the workspace (private, never published).

export { requireBuilt } from './built-package';
export { failOnUnhandledRejection, stoppedAfterEach } from './fault-guards';
export { freePort } from './free-port';
export { CHROMIUM_LAUNCH_OPTIONS, CHROMIUM_PATH } from './headless-chromium';
export { LoopbackEndpoints } from './loopback-endpoints';
export { describePlainScriptShutdown } from './plain-script-shutdown';
export type { NodeRun, RunNodeOptions } from './run-node';
export { environmentWithout, runNode } from './run-node';
