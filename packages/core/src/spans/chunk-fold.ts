import type { ExportedAISpanEvent } from '../types/exported-span';

/** Chunk events kept per generation; later chunks are still counted. */
export const MAX_CHUNK_EVENTS = 1000;
const MAX_CHUNK_TYPE_LENGTH = 200;

/** What the streamed chunks of one generation add up to, held on the generation until it ends. */
export interface ChunkFold {
  count: number;
  /** Start of the earliest chunk, epoch ms */
  firstTime: number;
  events: ExportedAISpanEvent[] | undefined;
}

/** The chunk fields a fold reads. */
interface FoldedChunk {
  readonly name: string;
  readonly startTime: number;
  readonly attributes: unknown;
}

// Only the chunk's shape (type, position): its content is the generation's output already.
function chunkEventAttributes(attributes: unknown): Record<string, unknown> | undefined {
  if (typeof attributes !== 'object' || attributes === null) return undefined;
  const { chunkType, sequenceNumber } = attributes as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  if (typeof chunkType === 'string') picked.chunkType = chunkType.slice(0, MAX_CHUNK_TYPE_LENGTH);
  if (typeof sequenceNumber === 'number' && Number.isFinite(sequenceNumber))
    picked.sequenceNumber = sequenceNumber;
  return picked.chunkType === undefined && picked.sequenceNumber === undefined ? undefined : picked;
}

/** Add one ended chunk to its generation's fold (created on the first chunk). Never throws. */
export function foldChunk(fold: ChunkFold | undefined, chunk: FoldedChunk, withEvents: boolean): ChunkFold {
  const current = fold ?? { count: 0, firstTime: chunk.startTime, events: undefined };
  current.count += 1;
  if (chunk.startTime < current.firstTime) current.firstTime = chunk.startTime;
  if (withEvents) {
    current.events ??= [];
    if (current.events.length < MAX_CHUNK_EVENTS) {
      const attributes = chunkEventAttributes(chunk.attributes);
      current.events.push(
        attributes === undefined
          ? { name: String(chunk.name).slice(0, MAX_CHUNK_TYPE_LENGTH), time: chunk.startTime }
          : { name: String(chunk.name).slice(0, MAX_CHUNK_TYPE_LENGTH), time: chunk.startTime, attributes },
      );
    }
  }
  return current;
}

/**
 * The generation's exported attributes with the fold applied: `chunkCount`,
 * and `completionStartTime` from the first chunk unless the instrumentation
 * set it. `attributes` is the snapshot's own copy, so it is written in place.
 */
export function withChunkFold(attributes: unknown, fold: ChunkFold): Record<string, unknown> {
  const target =
    typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes)
      ? (attributes as Record<string, unknown>)
      : {};
  target.chunkCount = fold.count;
  const start = target.completionStartTime;
  if (typeof start !== 'number' || !Number.isFinite(start)) target.completionStartTime = fold.firstTime;
  return target;
}
