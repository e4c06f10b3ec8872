import { describeError, type LogOnce } from '../exporter-kit/log-once';
import type { KeyRedactor } from '../types/key-redactor';
import type { ProcessorFastPath } from '../types/processor-fast-path';
import { AISpanType } from '../types/span-type';
import type { AISpanProcessor } from '../types/tracing';

// Which processors the engine fuses into its snapshot of a span (AISpanProcessor.fastPath),
// and which it calls through process(): decided once per span type, when the instance is built.

/** An attribute enrichment fused into the snapshot, with the processor it comes from. */
export interface FusedEnrichment {
  readonly processor: AISpanProcessor;
  /** Called as a method of the fast path object it came in. */
  readonly fastPath: Required<Pick<ProcessorFastPath, 'enrichAttributes'>>;
}

/** What the engine does with a snapshot of a span of one type. */
export interface SnapshotPlan {
  /** Applied by the serialisation walk; undefined when the chain does not start with a redaction. */
  readonly redactor: KeyRedactor | undefined;
  /** Run in order on the serialised attributes, after the redaction. */
  readonly enrichments: readonly FusedEnrichment[];
  /** The rest of the chain, called through `process()` on a processing view. */
  readonly processors: readonly AISpanProcessor[];
}

/** The plan of each span type, and of spans whose type is none of AISpanType's. */
export interface SnapshotPlans {
  readonly byType: ReadonlyMap<string, SnapshotPlan>;
  readonly other: SnapshotPlan;
}

/**
 * The plan for each span type. Processors limited to other span types are left
 * out; the leading processors with a fast path are fused (a redaction only
 * when nothing precedes it); from the first one without, every processor runs
 * through `process()`, so the chain's order is kept. Never throws: a
 * `fastPath()` that throws or returns something unusable is logged and the
 * processor is called through `process()`.
 */
export function planSnapshots(processors: readonly AISpanProcessor[], log: LogOnce): SnapshotPlans {
  const fastPaths = processors.map((processor) => askFastPath(processor, log));
  return {
    byType: new Map(
      Object.values(AISpanType).map((type) => [type, planFor(type, processors, fastPaths)] as const),
    ),
    other: planFor(undefined, processors, fastPaths),
  };
}

function planFor(
  type: AISpanType | undefined,
  processors: readonly AISpanProcessor[],
  fastPaths: readonly (ProcessorFastPath | undefined)[],
): SnapshotPlan {
  let redactor: KeyRedactor | undefined;
  const enrichments: FusedEnrichment[] = [];
  const rest: AISpanProcessor[] = [];
  processors.forEach((processor, index) => {
    if (processor.spanTypes !== undefined && (type === undefined || !processor.spanTypes.includes(type))) {
      return;
    }
    const fastPath = rest.length === 0 ? fastPaths[index] : undefined;
    // A redaction is fused only first: a processor before it could add data it must redact.
    const fusable =
      fastPath !== undefined &&
      (fastPath.redactKeys === undefined || (redactor === undefined && enrichments.length === 0));
    if (!fusable) {
      rest.push(processor);
      return;
    }
    if (fastPath.redactKeys !== undefined) redactor = fastPath.redactKeys;
    if (fastPath.enrichAttributes !== undefined) {
      enrichments.push({ processor, fastPath: fastPath as FusedEnrichment['fastPath'] });
    }
  });
  return { redactor, enrichments, processors: rest };
}

function askFastPath(processor: AISpanProcessor, log: LogOnce): ProcessorFastPath | undefined {
  if (typeof processor.fastPath !== 'function') return undefined;
  let fastPath: ProcessorFastPath | undefined;
  try {
    fastPath = processor.fastPath();
  } catch (error) {
    log.warn(
      `fast-path:${processor.name}`,
      `processor "${processor.name}" fastPath() threw; it runs through process() instead:`,
      describeError(error),
    );
    return undefined;
  }
  if (fastPath === undefined || fastPath === null) return undefined;
  const { redactKeys, enrichAttributes } = fastPath;
  const redactorOk =
    redactKeys === undefined ||
    (typeof redactKeys === 'object' &&
      redactKeys !== null &&
      typeof redactKeys.isSensitiveKey === 'function' &&
      typeof redactKeys.mask === 'function');
  const enrichmentOk = enrichAttributes === undefined || typeof enrichAttributes === 'function';
  if (!redactorOk || !enrichmentOk || (redactKeys === undefined && enrichAttributes === undefined)) {
    log.warn(
      `fast-path:${processor.name}`,
      `processor "${processor.name}" fastPath() returned neither a redactKeys rule ({ isSensitiveKey, mask }) nor an enrichAttributes function; it runs through process() instead`,
    );
    return undefined;
  }
  return fastPath;
}
