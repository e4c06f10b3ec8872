// The installs a user makes: core alone and core with each exporter. Peers the
// user owns are installed at the oldest and the newest version they support.

/** Workspace packages that can be packed, by directory under packages/. */
export const PACKAGES = {
  '@aitracing/core': { dir: 'core' },
  '@aitracing/exporter-console': { dir: 'exporter-console' },
  '@aitracing/exporter-otel': { dir: 'exporter-otel' },
  '@aitracing/exporter-langfuse': { dir: 'exporter-langfuse' },
  // Still being written: tested once its package.json exists and it builds.
  '@aitracing/exporter-datadog': { dir: 'exporter-datadog', optional: true },
};

/**
 * `install`: the tarballs installed together, the way npm would fetch them.
 * `load`: what the scenario imports / requires (the rest arrives as dependencies).
 * `peers`: user-owned peer → versions to install, each one run; `lowest` is the
 * lower bound of the peer range the packed package declares, `highest` the
 * newest version npm finds in that range, anything else a literal npm spec.
 */
export const COMBINATIONS = [
  {
    name: 'core',
    scenario: 'core',
    install: ['@aitracing/core'],
    load: ['@aitracing/core', '@aitracing/core/testing'],
  },
  {
    name: 'core + exporter-console',
    scenario: 'console',
    install: ['@aitracing/core', '@aitracing/exporter-console'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-console'],
  },
  {
    name: 'core + exporter-otel',
    scenario: 'otel',
    install: ['@aitracing/core', '@aitracing/exporter-otel'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-otel'],
    peers: { '@opentelemetry/api': ['lowest', 'highest'] },
  },
  {
    name: 'core + exporter-langfuse',
    scenario: 'langfuse',
    // exporter-otel is a dependency of exporter-langfuse; from npm it would be fetched by range.
    install: ['@aitracing/core', '@aitracing/exporter-otel', '@aitracing/exporter-langfuse'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-langfuse'],
    peers: { '@opentelemetry/api': ['lowest', 'highest'] },
  },
  {
    name: 'core + exporter-datadog',
    scenario: 'datadog',
    install: ['@aitracing/core', '@aitracing/exporter-datadog'],
    load: ['@aitracing/core', '@aitracing/core/testing', '@aitracing/exporter-datadog'],
    // dd-trace 6 needs Node 22; on older Node the newest supported is the newest 5.x.
    peers: { 'dd-trace': ['lowest', Number(process.versions.node.split('.')[0]) >= 22 ? 'highest' : '5'] },
  },
];
