// The installs a user makes: core alone, core with each exporter and with each
// instrumentation. Peers the user owns are installed at the oldest and the newest
// version they support.

/** The newest major of some peers needs Node 22; on older Node the newest major that runs is proved. */
const NODE_22 = Number(process.versions.node.split('.')[0]) >= 22;

/** Workspace packages that can be packed, by directory under packages/. */
export const PACKAGES = {
  '@aitracing/model-prices': { dir: 'model-prices' },
  '@aitracing/core': { dir: 'core' },
  '@aitracing/metrics': { dir: 'metrics' },
  '@aitracing/otel-bridge': { dir: 'otel-bridge' },
  '@aitracing/exporter-console': { dir: 'exporter-console' },
  '@aitracing/exporter-file': { dir: 'exporter-file' },
  '@aitracing/viewer': { dir: 'viewer' },
  '@aitracing/exporter-otel': { dir: 'exporter-otel' },
  '@aitracing/exporter-langfuse': { dir: 'exporter-langfuse' },
  // Still being written: tested once its package.json exists and it builds.
  '@aitracing/exporter-datadog': { dir: 'exporter-datadog', optional: true },
  '@aitracing/instrumentation-openai': { dir: 'instrumentation-openai' },
  '@aitracing/instrumentation-anthropic': { dir: 'instrumentation-anthropic' },
  '@aitracing/instrumentation-ai-sdk': { dir: 'instrumentation-ai-sdk' },
  '@aitracing/instrumentation-mcp': { dir: 'instrumentation-mcp' },
};

/**
 * `install`: the tarballs installed together, the way npm would fetch them (plus the
 * tarballs of the `@aitracing/*` packages they depend on, which npm would fetch by range).
 * `load`: what the scenario imports / requires (the rest arrives as dependencies).
 * `peers`: user-owned peer → versions to install, each one run; `lowest` is the
 * lower bound of the peer range the packed package declares, `highest` the
 * newest version npm finds in that range, anything else a literal npm spec.
 * `extras`: what else the user installs next to them (npm specs, same in every run).
 */
export const COMBINATIONS = [
  {
    name: 'model-prices',
    scenario: 'model-prices',
    install: ['@aitracing/model-prices'],
    load: ['@aitracing/model-prices'],
  },
  {
    name: 'core',
    scenario: 'core',
    install: ['@aitracing/core'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/core/exporter-kit'],
  },
  {
    name: 'core + exporter-console',
    scenario: 'console',
    install: ['@aitracing/core', '@aitracing/exporter-console'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-console'],
  },
  {
    name: 'core + exporter-file + viewer',
    scenario: 'file',
    install: ['@aitracing/core', '@aitracing/exporter-file', '@aitracing/viewer'],
    load: [
      '@aitracing/core',
      '@aitracing/core/testing',
      '@aitracing/exporter-file',
      '@aitracing/exporter-file/store',
      '@aitracing/viewer',
    ],
  },
  {
    name: 'core + metrics',
    scenario: 'metrics',
    install: ['@aitracing/core', '@aitracing/metrics'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/metrics'],
  },
  {
    name: 'core + otel-bridge (OpenTelemetry SDK 2)',
    scenario: 'otel-bridge',
    install: ['@aitracing/core', '@aitracing/otel-bridge'],
    load: [
      '@aitracing/core',
      '@aitracing/core/testing',
      '@aitracing/otel-bridge',
      '@opentelemetry/api',
      '@opentelemetry/sdk-trace-node',
    ],
    // SDK 2 peers on api < 1.10: the app's api is 1.9.
    peers: { '@opentelemetry/api': ['lowest', '~1.9.1'] },
    extras: ['@opentelemetry/sdk-trace-node@^2.12.1'],
  },
  // SDK 3 needs Node 22.15 and api 1.10: proved where the package test runs on such a Node.
  ...(NODE_22
    ? [
        {
          name: 'core + otel-bridge (OpenTelemetry SDK 3)',
          needsNode22: true,
          scenario: 'otel-bridge',
          install: ['@aitracing/core', '@aitracing/otel-bridge'],
          load: [
            '@aitracing/core',
            '@aitracing/core/testing',
            '@aitracing/otel-bridge',
            '@opentelemetry/api',
            '@opentelemetry/sdk-trace',
            '@opentelemetry/context-async-hooks',
          ],
          peers: { '@opentelemetry/api': ['highest'] },
          extras: ['@opentelemetry/sdk-trace@^3.1.1', '@opentelemetry/context-async-hooks@^3.1.1'],
        },
      ]
    : []),
  {
    name: 'core + exporter-otel',
    scenario: 'otel',
    // metrics is a dependency of exporter-otel; from npm it would be fetched by range.
    install: ['@aitracing/core', '@aitracing/metrics', '@aitracing/exporter-otel'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-otel'],
  },
  {
    // No OpenTelemetry dependency: installs beside the app's SDK 2 (api 1.9) with no warning.
    name: 'core + exporter-otel beside OpenTelemetry SDK 2',
    scenario: 'otel',
    install: ['@aitracing/core', '@aitracing/metrics', '@aitracing/exporter-otel'],
    load: [
      '@aitracing/core',
      '@aitracing/core/testing',
      '@aitracing/exporter-otel',
      '@opentelemetry/sdk-trace-node',
    ],
    extras: ['@opentelemetry/api@~1.9.1', '@opentelemetry/sdk-trace-node@^2.12.1'],
  },
  // ... and beside SDK 3 with api 1.10, which need Node 22.15.
  ...(NODE_22
    ? [
        {
          name: 'core + exporter-otel + exporter-langfuse beside OpenTelemetry SDK 3',
          needsNode22: true,
          scenario: 'otel',
          install: [
            '@aitracing/core',
            '@aitracing/metrics',
            '@aitracing/exporter-otel',
            '@aitracing/exporter-langfuse',
          ],
          load: [
            '@aitracing/core',
            '@aitracing/core/testing',
            '@aitracing/exporter-otel',
            '@aitracing/exporter-langfuse',
            '@opentelemetry/sdk-trace',
          ],
          extras: ['@opentelemetry/api@^1.10.0', '@opentelemetry/sdk-trace@^3.1.1'],
        },
      ]
    : []),
  {
    name: 'core + exporter-langfuse',
    scenario: 'langfuse',
    // exporter-otel (and its metrics) are dependencies of exporter-langfuse; from npm they would be fetched by range.
    install: [
      '@aitracing/core',
      '@aitracing/metrics',
      '@aitracing/exporter-otel',
      '@aitracing/exporter-langfuse',
    ],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-langfuse'],
  },
  {
    name: 'core + exporter-datadog',
    scenario: 'datadog',
    install: ['@aitracing/core', '@aitracing/exporter-datadog'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-datadog'],
    // dd-trace 6 needs Node 22; on older Node the newest supported is the newest 5.x.
    peers: { 'dd-trace': ['lowest', NODE_22 ? 'highest' : '5'] },
  },
  {
    name: 'core + instrumentation-openai',
    scenario: 'openai',
    install: ['@aitracing/core', '@aitracing/instrumentation-openai'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/instrumentation-openai', 'openai'],
    // openai 7 needs Node 22; on older Node the newest supported is the newest 6.x.
    peers: { openai: ['lowest', NODE_22 ? 'highest' : '6'] },
  },
  {
    name: 'core + instrumentation-anthropic',
    scenario: 'anthropic',
    install: ['@aitracing/core', '@aitracing/instrumentation-anthropic'],
    load: [
      '@aitracing/core',
      '@aitracing/core/testing',
      '@aitracing/instrumentation-anthropic',
      '@anthropic-ai/sdk',
    ],
    peers: { '@anthropic-ai/sdk': ['lowest', 'highest'] },
  },
  {
    name: 'core + instrumentation-ai-sdk',
    scenario: 'ai-sdk',
    install: ['@aitracing/core', '@aitracing/instrumentation-ai-sdk'],
    load: [
      '@aitracing/core',
      '@aitracing/core/testing',
      '@aitracing/instrumentation-ai-sdk',
      'ai',
      'ai/test',
    ],
    // ai 7 needs Node 22; on older Node the newest supported is the newest 6.x.
    peers: { ai: ['lowest', NODE_22 ? 'highest' : '6'] },
  },
  {
    name: 'core + instrumentation-mcp',
    scenario: 'mcp',
    install: ['@aitracing/core', '@aitracing/instrumentation-mcp'],
    load: [
      '@aitracing/core',
      '@aitracing/core/testing',
      '@aitracing/instrumentation-mcp',
      '@modelcontextprotocol/sdk/client/index.js',
      '@modelcontextprotocol/sdk/server/mcp.js',
      '@modelcontextprotocol/sdk/inMemory.js',
      'zod',
    ],
    peers: { '@modelcontextprotocol/sdk': ['lowest', 'highest'] },
    // The user's own zod for tool schemas: zod 3 is what the SDK's whole range accepts
    // (1.3.1 depends on ^3.23.8, newer 1.x declare ^3.25 || ^4 as a peer).
    extras: ['zod@^3.25.0'],
  },
];
