// A stand-in for dd-trace in unit tests: records what the exporter asks of it.

export interface FakeSpan {
  readonly name: string;
  readonly options: Record<string, unknown>;
  readonly tags: Record<string, unknown>;
  readonly annotations: Array<Record<string, unknown>>;
  readonly events: Array<{ name: string; attributes?: Record<string, unknown>; time?: number }>;
  operationName: string;
  finishTime: number | undefined;
  context(): { toSpanId(): string; toTraceId(): string };
  setTag(key: string, value: unknown): void;
  addTags(tags: Record<string, unknown>): void;
  setOperationName(name: string): void;
  finish(time?: number): void;
  addEvent(name: string, attributes?: Record<string, unknown>, time?: number): void;
}

export interface FakeTracerOptions {
  /** Pretend the application initialised the tracer */
  initialised?: boolean;
  /** Leave out `tracer.llmobs` */
  withoutLLMObs?: boolean;
  /** Every dd-trace call throws */
  throwing?: boolean;
}

let nextId = 1;

function fakeSpan(name: string, options: Record<string, unknown>, throwing: boolean): FakeSpan {
  const id = String(nextId++);
  const span: FakeSpan = {
    name,
    options,
    tags: { ...((options.tags as Record<string, unknown> | undefined) ?? {}) },
    annotations: [],
    events: [],
    operationName: name,
    finishTime: undefined,
    context: () => ({ toSpanId: () => id, toTraceId: () => '1' }),
    setTag(key, value) {
      span.tags[key] = value;
    },
    addTags(tags) {
      Object.assign(span.tags, tags);
    },
    setOperationName(operationName) {
      span.operationName = operationName;
    },
    finish(time) {
      if (throwing) throw new Error('finish failed');
      span.finishTime ??= time;
    },
    addEvent(eventName, attributes, time) {
      span.events.push({ name: eventName, attributes, time });
    },
  };
  return span;
}

/** A fake dd-trace tracer; `spans` lists every span started, in order. */
export function createFakeTracer(options: FakeTracerOptions = {}) {
  const spans: FakeSpan[] = [];
  const initCalls: Array<Record<string, unknown> | undefined> = [];
  const throwing = options.throwing === true;
  const llmobs = {
    enabled: true,
    trace<T>(spanOptions: Record<string, unknown>, fn: (span: FakeSpan) => T): T {
      if (throwing) throw new Error('trace failed');
      const span = fakeSpan(String(spanOptions.name), spanOptions, throwing);
      spans.push(span);
      return fn(span);
    },
    annotate(span: FakeSpan, annotation: Record<string, unknown>) {
      if (throwing) throw new Error('annotate failed');
      span.annotations.push(annotation);
    },
    flushes: 0,
    flush() {
      llmobs.flushes += 1;
    },
  };
  const tracer = {
    _initialized: options.initialised === true,
    spans,
    initCalls,
    init(initOptions?: Record<string, unknown>) {
      initCalls.push(initOptions);
      tracer._initialized = true;
      return tracer;
    },
    startSpan(name: string, spanOptions: Record<string, unknown> = {}) {
      if (throwing) throw new Error('startSpan failed');
      const span = fakeSpan(name, spanOptions, throwing);
      spans.push(span);
      return span;
    },
    ...(options.withoutLLMObs ? {} : { llmobs }),
  };
  return tracer;
}
