import type { BatchQueueStats } from '@aitracing/exporter-otel';
import type { ExporterReport } from './fault-target';

/** The report of an exporter built on `QueuedSpanExporter` (OTel, Langfuse). */
export function reportQueueStats(stats: Readonly<BatchQueueStats> | undefined): ExporterReport {
  if (stats === undefined) return { dropped: {}, retries: undefined, settled: true, raw: undefined };
  const { accepted, exported, dropped } = stats;
  const settled = exported + dropped.rejected + dropped.retriesExhausted + dropped.shutdown >= accepted;
  return {
    dropped: { ...dropped },
    retries: stats.retries,
    settled,
    raw: { ...stats, dropped: { ...dropped } },
  };
}
