interface NodeModuleBuiltin {
  createRequire(from: string): (id: string) => unknown;
}

interface ProcessWithBuiltins {
  readonly getBuiltinModule?: (id: 'node:module') => NodeModuleBuiltin | undefined;
}

/**
 * Load an optional peer (`@grpc/grpc-js`) synchronously, like `require`.
 * `node:module` comes from `process.getBuiltinModule` (Node >= 20.16, Bun,
 * Deno), never from a top-level import: the exporter loads on Workers and in
 * browsers, where only the gRPC protocol is unavailable. Throws when the peer
 * is not installed or the runtime cannot load it.
 */
export function requireOptionalPeer(id: string): unknown {
  const nodeProcess = (globalThis as { readonly process?: ProcessWithBuiltins }).process;
  const nodeModule = nodeProcess?.getBuiltinModule?.('node:module');
  if (nodeModule === undefined) throw new Error(`${id} needs Node.js >= 20.16, Bun or Deno`);
  return nodeModule.createRequire(import.meta.url)(id);
}
