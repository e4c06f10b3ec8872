import { AITracingConfigError } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { CompletionStartTracker } from './completion-start-tracker';
import { resolveLangfuseExporterOptions } from './langfuse-exporter-options';

describe('LangfuseExporter options', () => {
  it('falls back to the LANGFUSE_* env variables, with explicit options winning', () => {
    const env = {
      LANGFUSE_PUBLIC_KEY: 'pk-env',
      LANGFUSE_SECRET_KEY: 'sk-env',
      LANGFUSE_BASE_URL: 'https://us.cloud.langfuse.com/',
      LANGFUSE_FLUSH_AT: '25',
      LANGFUSE_FLUSH_INTERVAL: '2',
      LANGFUSE_TRACING_ENVIRONMENT: 'production',
      LANGFUSE_RELEASE: 'r1',
      LANGFUSE_TIMEOUT: '7',
    };
    expect(resolveLangfuseExporterOptions({}, env)).toMatchObject({
      credentials: { publicKey: 'pk-env', secretKey: 'sk-env' },
      baseUrl: 'https://us.cloud.langfuse.com',
      flushAt: 25,
      flushIntervalMs: 2000,
      environment: 'production',
      release: 'r1',
      exportTimeoutMs: 7000,
      immediate: false,
    });
    expect(
      resolveLangfuseExporterOptions({ publicKey: 'pk', exportMode: 'immediate', flushAt: 5 }, env),
    ).toMatchObject({
      credentials: { publicKey: 'pk', secretKey: 'sk-env' },
      immediate: true,
      flushAt: 5,
    });
  });

  it('defaults to Langfuse Cloud and stays off (no error) without keys', () => {
    expect(resolveLangfuseExporterOptions({}, {})).toMatchObject({
      credentials: undefined,
      baseUrl: 'https://cloud.langfuse.com',
      flushAt: 100,
      flushIntervalMs: 1000,
    });
  });

  it.each([
    [{ exportMode: 'eventually' }, 'exportMode'],
    [{ baseUrl: 'cloud.langfuse' }, 'baseUrl'],
    [{ flushAt: 0 }, 'flushAt'],
    [{ mask: 'redact' }, 'mask'],
  ])('rejects %j naming the field', (options, field) => {
    expect(() => resolveLangfuseExporterOptions(options as never, {})).toThrow(AITracingConfigError);
    expect(() => resolveLangfuseExporterOptions(options as never, {})).toThrow(new RegExp(field));
  });
});

describe('baseUrl validation', () => {
  it('throws at construction for a scheme-less baseUrl in code, naming the field and the fix', () => {
    expect(() => resolveLangfuseExporterOptions({ baseUrl: 'localhost:3000' }, {})).toThrow(
      /baseUrl must be an absolute http:\/\/ or https:\/\/ URL, got "localhost:3000"; use "http:\/\/localhost:3000"/,
    );
  });

  it.each(['LANGFUSE_BASE_URL', 'LANGFUSE_HOST'])(
    'ignores a scheme-less %s with one warning echoing it, and uses the default',
    (name) => {
      const resolved = resolveLangfuseExporterOptions({}, { [name]: 'langfuse.internal:3000' });
      expect(resolved.baseUrl).toBe('https://cloud.langfuse.com');
      expect(resolved.warnings).toEqual([
        expect.stringContaining(`${name}="langfuse.internal:3000" is not an http`),
      ]);
    },
  );

  it('reads LANGFUSE_HOST when LANGFUSE_BASE_URL is unset', () => {
    expect(resolveLangfuseExporterOptions({}, { LANGFUSE_HOST: 'http://localhost:3000/' }).baseUrl).toBe(
      'http://localhost:3000',
    );
  });
});

describe('CompletionStartTracker', () => {
  it('keeps the earliest chunk per generation and stays bounded', () => {
    const tracker = new CompletionStartTracker(2);
    tracker.recordChunk('g1', 20);
    tracker.recordChunk('g1', 10);
    tracker.recordChunk('g2', 5);
    tracker.recordChunk('g3', 7);
    expect(tracker.size).toBe(2);
    expect(tracker.take('g1')).toBeUndefined();
    expect(tracker.take('g2')).toBe(5);
    expect(tracker.take('g2')).toBeUndefined();
  });
});
