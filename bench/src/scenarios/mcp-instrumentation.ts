import { AISpanType } from '@aitracing/core';
import { instrumentMCPClient } from '@aitracing/instrumentation-mcp';
import type { ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import {
  countedTracing,
  type InstrumentationSubject,
  measureInstrumentation,
} from './instrumentation-overhead';

const PARAMS = { name: 'get_order_status', arguments: { orderId: '1234' } };
const RESULT = { content: [{ type: 'text', text: 'Order 1234 shipped with DHL.' }], isError: false };
const SERVER = { name: 'shop', version: '1.0.0' };

// The parts of an MCP `Client` the instrumentation uses; `callTool` is an
// async method there too, so the stub answers with a resolved promise.
function stubClient() {
  return {
    async callTool(_params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown> {
      return RESULT;
    },
    getServerVersion: () => SERVER,
  };
}

const SYNC_RESULT = Promise.resolve(RESULT);
function syncStubClient() {
  return {
    callTool: (_params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown> =>
      SYNC_RESULT,
    getServerVersion: () => SERVER,
  };
}

function mcpSubject(): InstrumentationSubject {
  const sampledIn = countedTracing('always');
  const sampledOut = countedTracing('never');
  const plain = stubClient();
  const traced = instrumentMCPClient(stubClient(), { tracing: sampledIn.tracing });
  const plainSync = syncStubClient();
  const tracedSync = instrumentMCPClient(syncStubClient(), { tracing: sampledOut.tracing });
  return {
    label: 'mcp',
    method: 'client callTool',
    plain: () => plain.callTool(PARAMS),
    traced: () => traced.callTool(PARAMS),
    async handWritten() {
      const span = sampledIn.tracing.startSpan({
        type: AISpanType.MCP_TOOL_CALL,
        name: `tools/call ${PARAMS.name}`,
        attributes: { toolId: PARAMS.name, mcpServer: SERVER.name, serverVersion: SERVER.version },
        metadata: { 'mcp.method.name': 'tools/call' },
        input: PARAMS.arguments,
      });
      const result = await plain.callTool(PARAMS);
      span.end({ attributes: { success: true }, output: RESULT.content });
      return result;
    },
    plainSync: () => plainSync.callTool(PARAMS),
    sampledOutSync: () => tracedSync.callTool(PARAMS),
    syncResult: SYNC_RESULT,
    sampledIn,
    sampledOut,
  };
}

/**
 * Scenario 8, part: `instrumentMCPClient` over a stub `callTool`. Sampled
 * out, the wrapper still passes the decision on: `params._meta.traceparent`
 * with flag 00 on a copy of the params (ids of the sampled-out trace made on
 * first use), which is part of what it costs.
 */
export async function mcpInstrumentationScenario(mode: RunMode): Promise<ScenarioReport> {
  const part = await measureInstrumentation(mcpSubject(), mode);
  return {
    id: '8',
    key: 'instrumentation-overhead',
    title: 'instrumentMCPClient on a stub callTool',
    unit: 'ns/call',
    showPerSecond: false,
    subject: '',
    ...part,
  };
}
