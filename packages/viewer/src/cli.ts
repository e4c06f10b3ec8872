#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startViewer } from './viewer-server';

const USAGE = `Usage: aitracing view [--dir <directory>] [--port <port>]

Serves the traces of the file exporter's directory on http://127.0.0.1 (loopback only).
  --dir   trace directory (default: AITRACING_FILE_DIR or .aitracing/traces)
  --port  port (default: a free one)
`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true || positionals[0] !== 'view') {
    process.stdout.write(USAGE);
    process.exitCode = values.help === true ? 0 : 1;
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`aitracing view: --port must be an integer from 0 to 65535, not "${values.port}"\n`);
    process.exitCode = 1;
    return;
  }
  const viewer = await startViewer({ directory: values.dir, port });
  const { traceCount } = viewer.index.query({ limit: 1 });
  process.stdout.write(
    `aitracing viewer: ${viewer.url}\n  ${traceCount} traces in ${viewer.directory} (live; Ctrl+C to stop)\n`,
  );
  const stop = () => {
    void viewer.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`aitracing view: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
