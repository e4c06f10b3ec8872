// dd-trace settings for protocol tests: only the traffic under test reaches
// the fake agent. Imported first by each protocol test file; every test file
// runs in its own process, and dd-trace reads these when it is initialised.
export const QUIET_DD_TRACE_ENV: Readonly<Record<string, string>> = {
  DD_REMOTE_CONFIGURATION_ENABLED: 'false',
  DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
  DD_CRASHTRACKING_ENABLED: 'false',
  DD_RUNTIME_METRICS_ENABLED: 'false',
  DD_TRACE_STARTUP_LOGS: 'false',
  DD_PROFILING_ENABLED: 'false',
};

for (const [name, value] of Object.entries(QUIET_DD_TRACE_ENV)) process.env[name] = value;
