import { OtlpReceiver } from './otlp-receiver';

/**
 * The loopback endpoints of the process-lifetime cases (shared by the OTel
 * and Langfuse exporters' tests): one that answers 500 to every batch, one
 * that refuses connections. `stop()` closes what was started.
 */
export class LifetimeEndpoints {
  readonly #receivers: OtlpReceiver[] = [];

  /** An OTLP/HTTP endpoint that answers 500 to every request. */
  async failing(): Promise<string> {
    const receiver = new OtlpReceiver();
    this.#receivers.push(receiver);
    for (let i = 0; i < 50; i++) receiver.script.push({ kind: 'status', status: 500 });
    return receiver.startHttp();
  }

  /** An endpoint on a port that was just freed: connections are refused. */
  async refusing(): Promise<string> {
    const probe = new OtlpReceiver();
    const endpoint = await probe.startHttp();
    await probe.stop();
    return endpoint;
  }

  async stop(): Promise<void> {
    await Promise.all(this.#receivers.splice(0).map((receiver) => receiver.stop()));
  }
}
