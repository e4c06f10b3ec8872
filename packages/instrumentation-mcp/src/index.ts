// Public API of @aitracing/instrumentation-mcp. Every name here is a promise we keep.

export type { MCPClientInstrumentationOptions, MCPClientLike } from './instrument-mcp-client';
export { instrumentMCPClient } from './instrument-mcp-client';
export type {
  MCPHighLevelServerLike,
  MCPLowLevelServerLike,
  MCPServerInstrumentationOptions,
  MCPServerLike,
} from './instrument-mcp-server';
export { instrumentMCPServer } from './instrument-mcp-server';
