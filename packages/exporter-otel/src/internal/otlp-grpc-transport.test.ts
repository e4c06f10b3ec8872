import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeTraceRequest } from '../../test/otlp-receiver';
import type { OtlpSpan } from '../otlp-span';
import { OtlpGrpcTransport } from './otlp-grpc-transport';

type Answer = { code: grpc.status } | 'accept' | 'hang';

const servers: grpc.Server[] = [];
const transports: OtlpGrpcTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.shutdown()));
  for (const server of servers.splice(0)) server.forceShutdown();
});

/** A gRPC TraceService that answers from a script and keeps what it received. */
async function startServer(answers: Answer[]) {
  const received: Array<{ body: Buffer; metadata: Record<string, unknown> }> = [];
  const server = new grpc.Server();
  const identity = (value: Buffer) => value;
  server.addService(
    {
      Export: {
        path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        received.push({ body: call.request, metadata: call.metadata.getMap() });
        const answer = answers.shift() ?? 'accept';
        if (answer === 'hang') return;
        if (answer === 'accept') callback(null, Buffer.alloc(0));
        else callback({ code: answer.code, details: 'scripted' });
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  servers.push(server);
  return { url: `http://127.0.0.1:${port}`, received };
}

function transport(url: string, exportTimeoutMs = 5_000): OtlpGrpcTransport {
  const created = new OtlpGrpcTransport({
    url,
    protocol: 'grpc',
    headers: { 'X-Api-Key': 'secret' },
    exportTimeoutMs,
    compression: 'gzip',
  });
  transports.push(created);
  return created;
}

const span: OtlpSpan = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  parentSpanId: undefined,
  parentIsRemote: false,
  traceFlags: 1,
  name: 'chat gpt-4o',
  kind: 3,
  startTimeMs: 1_764_770_000_000,
  endTimeMs: 1_764_770_000_010,
  attributes: { 'gen_ai.request.model': 'gpt-4o' },
  events: [],
  links: [],
  statusCode: 0,
  resource: { attributes: { 'service.name': 'svc' } },
  scope: { name: 'test' },
};

describe('OtlpGrpcTransport', () => {
  it('sends our protobuf in one unary Export call (gzip asked), with headers as metadata', async () => {
    const { url, received } = await startServer([]);
    expect(await transport(url).send([span])).toEqual({ status: 'success' });
    expect(received).toHaveLength(1);
    expect(received[0]!.metadata['x-api-key']).toBe('secret');
    const [decoded] = decodeTraceRequest('application/x-protobuf', received[0]!.body);
    expect(decoded).toMatchObject({
      name: 'chat gpt-4o',
      kind: 3,
      spanId: span.spanId,
      traceId: span.traceId,
    });
  });

  it.each([
    ['UNAVAILABLE', grpc.status.UNAVAILABLE, 'retryable'],
    ['RESOURCE_EXHAUSTED', grpc.status.RESOURCE_EXHAUSTED, 'retryable'],
    ['DEADLINE_EXCEEDED', grpc.status.DEADLINE_EXCEEDED, 'retryable'],
    ['ABORTED', grpc.status.ABORTED, 'retryable'],
    ['INVALID_ARGUMENT', grpc.status.INVALID_ARGUMENT, 'failed'],
    ['UNAUTHENTICATED', grpc.status.UNAUTHENTICATED, 'failed'],
    ['PERMISSION_DENIED', grpc.status.PERMISSION_DENIED, 'failed'],
  ])('classifies %s as %s', async (_name, code, expected) => {
    const { url } = await startServer([{ code }]);
    const outcome = await transport(url).send([span]);
    expect(outcome.status).toBe(expected);
  });

  it('bounds a call whose answer never comes with the export timeout, as retryable', async () => {
    const { url } = await startServer(['hang']);
    const outcome = await transport(url, 300).send([span]);
    expect(outcome.status).toBe('retryable');
    expect((outcome as { error: { code: number } }).error.code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });

  it('reports a receiver that is not there as retryable', async () => {
    const { url } = await startServer([]);
    servers.pop()!.forceShutdown();
    expect((await transport(url).send([span])).status).toBe('retryable');
  });

  it('shutdown cancels a call in flight at once and refuses later sends', async () => {
    const { url, received } = await startServer(['hang']);
    const grpcTransport = transport(url, 60_000);
    const pending = grpcTransport.send([span]);
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await grpcTransport.shutdown();
    expect((await pending).status).not.toBe('success');
    expect((await grpcTransport.send([span])).status).toBe('failed');
    expect(received).toHaveLength(1);
  });
});
