/** The tree `apps/agent-trace.ts` sends, as `traceTree` prints it (span names as the OTLP exporter maps them). */
export const EXPECTED_TREE = [
  'invoke_agent support-agent',
  '  chat gpt-4o-mini',
  '  execute_tool lookup-order',
  '    chat gpt-4o',
].join('\n');
