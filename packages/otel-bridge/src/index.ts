// Public API of @aitracing/otel-bridge.

export { OtelBridge } from './otel-bridge';
export type { OtelBridgeOptions, OtelBridgeSpanMapping } from './otel-bridge-options';
