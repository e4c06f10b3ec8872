import { Writable } from 'node:stream';
import { FakeDatadogAgent } from '../../../packages/exporter-datadog/test/fake-datadog-agent';
import { FakeLangfuse } from '../../../packages/exporter-langfuse/test/fake-langfuse';
import { OtlpReceiver } from '../../../packages/exporter-otel/test/otlp-receiver';
import { findSecrets } from '../security/secrets';

// One payload in this many is scanned for secrets: enough to catch a leak, cheap enough for a soak.
const SCAN_EVERY = 10;

/**
 * The four receivers of the load run, drained every second into counters so
 * that memory stays flat however long the run: the OTLP receiver, the fake
 * Langfuse, the fake Datadog agent, and a stream for the console exporter.
 */
export class CountingReceivers {
  readonly otlp = new OtlpReceiver();
  readonly langfuse: FakeLangfuse;
  datadog: FakeDatadogAgent | undefined;
  readonly counts = { otel: 0, langfuse: 0, datadogLlmobs: 0, datadogApm: 0, console: 0 };
  readonly secretLeaks: string[] = [];
  readonly console: Writable;
  #drained = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #secrets: readonly string[];

  constructor(publicKey: string, secretKey: string, secrets: readonly string[]) {
    this.langfuse = new FakeLangfuse(publicKey, secretKey);
    this.#secrets = secrets;
    let partial = '';
    this.console = new Writable({
      write: (chunk: Buffer | string, _encoding, done) => {
        const text = partial + chunk.toString();
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        this.counts.console += lines.length;
        if (this.#drained++ % SCAN_EVERY === 0) this.#scan([text], 'console output');
        done();
      },
    });
  }

  /** Start the servers; returns their URLs. */
  async start(): Promise<{ otlp: string; langfuse: string; datadog: string }> {
    const otlp = await this.otlp.startHttp();
    const langfuse = await this.langfuse.start();
    this.datadog = await FakeDatadogAgent.start();
    this.#timer = setInterval(() => this.drain(), 1_000);
    this.#timer.unref();
    return { otlp, langfuse, datadog: this.datadog.url };
  }

  /** Move what the receivers kept into the counters. */
  drain(): void {
    const requests = this.otlp.requests.splice(0);
    for (const request of requests) this.counts.otel += request.spans.length;
    if (requests.length > 0 && this.#drained++ % SCAN_EVERY === 0) {
      this.#scan([JSON.stringify(requests[0]?.spans)], 'OTLP payload');
    }
    const langfuse = this.langfuse.spans.splice(0);
    this.counts.langfuse += langfuse.length;
    if (langfuse.length > 0 && this.#drained++ % SCAN_EVERY === 0) {
      this.#scan([JSON.stringify(langfuse.slice(0, 50))], 'Langfuse payload');
    }
    const agent = this.datadog;
    if (agent !== undefined) {
      const llmobs = agent.llmobsSpans.splice(0);
      this.counts.datadogLlmobs += llmobs.length;
      const apm = agent.apmTraces.splice(0);
      for (const trace of apm) this.counts.datadogApm += trace.length;
      agent.requests.splice(0);
      if (llmobs.length > 0 && this.#drained++ % SCAN_EVERY === 0) {
        this.#scan([JSON.stringify(llmobs.slice(0, 50))], 'Datadog payload');
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.drain();
    await this.otlp.stop();
    await this.langfuse.stop();
    await this.datadog?.close();
  }

  #scan(texts: string[], where: string): void {
    if (this.secretLeaks.length < 20) this.secretLeaks.push(...findSecrets(texts, this.#secrets, where));
  }
}
