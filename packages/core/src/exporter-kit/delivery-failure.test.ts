import { describe, expect, it } from 'vitest';
import {
  classifyNetworkError,
  type ExportHttpError,
  ExportTimeoutError,
  httpOutcome,
  networkOutcome,
} from './delivery-failure';

describe('httpOutcome', () => {
  it.each([200, 202, 204])('%i is a success', (status) => {
    expect(httpOutcome(status)).toEqual({ status: 'success' });
  });

  it.each([408, 429, 500, 502, 503, 504])('%i is retryable', (status) => {
    expect(httpOutcome(status).status).toBe('retryable');
  });

  it.each([400, 401, 403, 404, 413, 501])('%i fails without retry', (status) => {
    const outcome = httpOutcome(status);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && (outcome.error as ExportHttpError).status).toBe(status);
  });

  it("passes the backend's Retry-After up, in milliseconds", () => {
    expect(httpOutcome(429, '7')).toMatchObject({ status: 'retryable', retryAfterMs: 7_000 });
    expect(httpOutcome(503, null)).not.toHaveProperty('retryAfterMs');
    expect(httpOutcome(503, 'soon')).not.toHaveProperty('retryAfterMs');
  });
});

describe('networkOutcome', () => {
  it('retries errors that say nothing about the data (refused, reset, timed out)', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_SOCKET']) {
      expect(networkOutcome(Object.assign(new Error('x'), { code })).status).toBe('retryable');
    }
    expect(classifyNetworkError(new ExportTimeoutError(1_000))).toBe('retryable');
  });

  it('fails errors without a known code, whatever their message says', () => {
    expect(networkOutcome(new Error('ECONNREFUSED')).status).toBe('failed');
    expect(networkOutcome(undefined).status).toBe('failed');
  });
});
