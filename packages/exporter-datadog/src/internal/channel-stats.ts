import type { DatadogChannelStats } from '../datadog-exporter-options';
import type { ChannelStats } from './http-channel';

/** One channel's counters in the public shape. */
export function channelStats(delivery: {
  readonly stats: ChannelStats;
  readonly tooLarge: number;
}): DatadogChannelStats {
  const { stats } = delivery;
  return {
    spansQueued: stats.accepted,
    spansDelivered: stats.delivered,
    spansPending: stats.pending,
    spansDroppedByReason: {
      agentRejected: stats.dropped.rejected,
      retriesExhausted: stats.dropped.retriesExhausted,
      queueFull: stats.dropped.queueFull,
      tooLarge: delivery.tooLarge,
      shutdownTimeout: stats.dropped.shutdown,
    },
    retries: stats.retries,
    requestsSucceeded: stats.requests.succeeded,
    requestsRejected: stats.requests.rejected,
    requestsFailed: stats.requests.failed,
  };
}
