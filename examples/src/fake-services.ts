/** An order as the fake order service returns it. */
export interface Order {
  readonly orderId: string;
  readonly status: 'processing' | 'shipped';
  readonly carrier: string;
  readonly trackingNumber: string;
}

/** Parcel tracking as the fake carrier MCP server returns it. */
export interface ParcelTracking {
  readonly trackingNumber: string;
  readonly location: string;
  readonly estimatedDelivery: string;
}

/** Thrown by the order service when it does not answer in time. */
export class ToolTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(message: string) {
    super(message);
    this.name = 'ToolTimeoutError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The MCP server the demo's carrier tools live on. */
export const CARRIER_MCP_SERVER = 'carrier-mcp';

/**
 * A flaky order service: its first call times out, later calls answer.
 * Deterministic, so the demo always shows one failed attempt and its retry.
 */
export function createOrderService(): { lookupOrder(orderId: string): Promise<Order> } {
  let calls = 0;
  return {
    async lookupOrder(orderId) {
      calls++;
      if (calls === 1) {
        await sleep(80);
        throw new ToolTimeoutError('order service did not answer within 80ms');
      }
      await sleep(25);
      return { orderId, status: 'shipped', carrier: 'DHL', trackingNumber: 'JD014600003828' };
    },
  };
}

/** The `track_parcel` tool of the carrier MCP server. */
export async function trackParcel(trackingNumber: string): Promise<ParcelTracking> {
  await sleep(45);
  return { trackingNumber, location: 'Leipzig hub', estimatedDelivery: 'Thursday' };
}
