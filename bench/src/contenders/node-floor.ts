import { randomFillSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CHILDREN_PER_TRACE, TRACE_DATA as D } from '../workload/trace-shape';
import type { TracerContender } from './contender';
import { SpanRing } from './span-ring';

// Ids are slices of one hex string made from a pooled random buffer.
const POOL = Buffer.allocUnsafe(2048);
let hex = '';
let offset = Number.POSITIVE_INFINITY;

function randomHex(length: number): string {
  if (offset + length > hex.length) {
    randomFillSync(POOL);
    hex = POOL.toString('hex');
    offset = 0;
  }
  offset += length;
  return hex.substring(offset - length, offset);
}

/** The smallest span worth the name: ids, a name, attributes, two clock reads. */
interface FloorSpan {
  readonly traceId: string;
  readonly id: string;
  readonly parentId: string | undefined;
  readonly name: string;
  readonly startTime: number;
  endTime: number;
  attributes: Record<string, unknown> | undefined;
  input: unknown;
  output: unknown;
}

function start(
  traceId: string,
  parentId: string | undefined,
  name: string,
  attributes: Record<string, unknown> | undefined,
  input: unknown,
): FloorSpan {
  return {
    traceId,
    id: randomHex(16),
    parentId,
    name,
    startTime: performance.now(),
    endTime: 0,
    attributes,
    input,
    output: undefined,
  };
}

/**
 * Node's own floor: what a hand-written span costs with nothing but ids from
 * a pooled random buffer, one small object and one clock read per start and
 * end, "exported" to the same in-memory ring as every other contender. No sampling, no safety, no
 * serialisation: no library can be cheaper than this. Sampled out, the floor
 * hands back one shared object.
 */
export function createNodeFloorContender(name: string, sampled: boolean): TracerContender {
  const finished = new SpanRing<FloorSpan>();
  const end = (span: FloorSpan, output: unknown) => {
    span.output = output;
    span.endTime = performance.now();
    finished.push(span);
  };
  const noOp = start('0'.repeat(32), undefined, 'no-op', undefined, undefined);
  let openRoot: FloorSpan | undefined;
  const traceOnce = () => {
    const traceId = randomHex(32);
    const root = start(
      traceId,
      undefined,
      D.agentName,
      { agentId: D.agentId, maxSteps: D.maxSteps },
      D.input,
    );
    for (let index = 0; index < CHILDREN_PER_TRACE; index++) {
      const llm = start(traceId, root.id, D.llmName, { model: D.model, provider: D.provider }, undefined);
      llm.attributes = {
        model: D.model,
        provider: D.provider,
        usage: { promptTokens: D.promptTokens, completionTokens: D.completionTokens },
        finishReason: D.finishReason,
      };
      end(llm, D.llmOutput);
    }
    end(root, D.rootOutput);
  };
  const unsampledTrace = () => {
    // The decision is taken once, at the root; children are the same shared object.
    if (noOp.endTime !== 0) return;
    for (let index = 0; index <= CHILDREN_PER_TRACE; index++) if (noOp.endTime !== 0) return;
  };
  return {
    name,
    role: 'anchor',
    trace: sampled ? traceOnce : unsampledTrace,
    largeSpan(input, output) {
      end(start(randomHex(32), undefined, D.agentName, undefined, input), output);
    },
    startOpenSpan() {
      openRoot ??= start(randomHex(32), undefined, D.agentName, undefined, undefined);
      return start(
        openRoot.traceId,
        openRoot.id,
        D.llmName,
        { model: D.model, provider: D.provider },
        undefined,
      );
    },
    async drain() {
      return finished.clear();
    },
    shutdown: () => Promise.resolve(),
  };
}
