import { ExportHttpError, type SendOutcome } from '@aitracing/core/exporter-kit';
import { describe, expect, it } from 'vitest';
import { ByteLimitedSend } from './byte-limited-send';

function sender(answers: SendOutcome['status'][]) {
  const requests: number[][] = [];
  const send = new ByteLimitedSend<number>({
    maxRequestBytes: 10,
    sizeOf: (item) => item,
    sendRequest: async (items) => {
      requests.push(items);
      const status = answers.shift() ?? 'success';
      return status === 'success' ? { status } : { status, error: new ExportHttpError(503) };
    },
  });
  return { send, requests };
}

describe('ByteLimitedSend', () => {
  it('sends a batch as consecutive requests within the byte limit', async () => {
    const { send, requests } = sender([]);
    await expect(send.send([4, 4, 4, 9, 1, 10])).resolves.toEqual({ status: 'success' });
    expect(requests).toEqual([[4, 4], [4], [9, 1], [10]]);
  });

  it('retries a batch from the request that failed, never resending what was delivered', async () => {
    const { send, requests } = sender(['success', 'retryable']);
    const batch = [6, 6, 6];
    expect((await send.send(batch)).status).toBe('retryable');
    expect((await send.send(batch)).status).toBe('success');
    // Three items, one request failed once: four requests, the first item sent once.
    expect(requests).toEqual([[6], [6], [6], [6]]);
    expect(send.lost('rejected', 0)).toBe(0);
  });

  it('tells how many of a dropped batch were really lost', async () => {
    const { send } = sender(['success', 'failed']);
    await send.send([6, 6, 6]);
    expect(send.lost('rejected', 3)).toBe(2);
    expect(send.delivered.rejected).toBe(1);

    const waiting = sender(['success', 'retryable']);
    await waiting.send.send([6, 6]);
    expect(waiting.send.lost('shutdown', 2)).toBe(1);
    expect(waiting.send.delivered.shutdown).toBe(1);
  });
});
