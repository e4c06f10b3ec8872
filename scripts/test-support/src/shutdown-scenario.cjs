// The body of the exporters' plain-script fixtures (test/fixtures/shutdown-script.{mjs,cjs}), run by
// `describePlainScriptShutdown` against the built dist. CommonJS, so that both kinds of fixture load it;
// each fixture passes the core and exporter it loaded itself, as ESM or CommonJS.

/**
 * Trace three spans, `await shutdown()`, then carry on like a user's script:
 * print one `after-shutdown` JSON line with the exporter's stats and what
 * still keeps the process alive. Never calls process.exit, so the process
 * must end on its own.
 *
 * @param {{ AISpanType: { GENERIC: string }, Observability: new (config: object) => any }} core
 * @param {{ getStats(): unknown }} exporter
 */
async function traceThenShutdown(core, exporter) {
  const observability = new core.Observability({
    configs: { lifetime: { serviceName: 'lifetime', exporters: [exporter] } },
  });
  for (let i = 0; i < 3; i++)
    observability.startSpan({ type: core.AISpanType.GENERIC, name: `span-${i}` }).end();
  await observability.shutdown(Number(process.env.SHUTDOWN_MS));
  const resources = process.getActiveResourcesInfo();
  process.stdout.write(
    `${JSON.stringify({ marker: 'after-shutdown', stats: exporter.getStats(), resources })}\n`,
  );
}

exports.traceThenShutdown = traceThenShutdown;
