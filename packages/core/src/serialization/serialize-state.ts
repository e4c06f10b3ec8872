// The bookkeeping of one safeSerialize call, and its reuse. Internal to core.
import type { KeyRedactor } from '../types/key-redactor';
import type { SerializationLimits } from './serialization-options';

// Past this many slots a hostile value grew the scratch tape: it is dropped, not kept forever.
const MAX_KEPT_TAPE_SLOTS = 65_536;

/** Per-call bookkeeping, passed down explicitly so no closure is created per value. */
export interface SerializeState {
  limits: SerializationLimits;
  /**
   * The objects on the path from the root to the current value, indexed by
   * depth - 1: only true ancestors count as cycles. Depth is capped, so a
   * linear scan beats a Set (no hashing, no allocation per object). Cleared
   * after each call, so no value outlives the call that walked it.
   */
  readonly ancestors: (object | undefined)[];
  redactor: KeyRedactor | undefined;
  /** Approximate JSON characters produced so far. */
  size: number;
  /**
   * The scratch tape the walk writes its tokens into (see tape-tokens.ts),
   * reused across calls. Every slot at or past `length` is empty: a rewind
   * clears what it drops, so no user string outlives its call.
   */
  tape: unknown[];
  /** Tokens written so far. */
  length: number;
  /** Plain objects may take the `for…in` fast path: `Object.prototype` had no enumerable key. */
  fastObjects: boolean;
}

// One state serves every call: spans end one at a time, so a fresh state (and
// its growing arrays) per call would only feed the garbage collector. A call
// made while another one runs (a getter or toJSON that ends a span) finds it
// taken and gets its own.
let idleState: SerializeState | undefined;

/** The idle state reset for a new call, or a fresh one when a call is already running. */
export function takeState(limits: SerializationLimits, redactor: KeyRedactor | undefined): SerializeState {
  const state = idleState ?? {
    limits,
    ancestors: [],
    redactor,
    size: 0,
    tape: [],
    length: 0,
    fastObjects: true,
  };
  idleState = undefined;
  state.limits = limits;
  state.redactor = redactor;
  state.size = 0;
  state.length = 0;
  return state;
}

/** Drops the tokens written after `length` (a bail-out or a failure) and continues from there. */
export function rewindTape(state: SerializeState, length: number): void {
  clearSlots(state.tape, length, state.length);
  state.length = length;
}

// A loop, not fill(): Array.prototype.fill takes a slow path on these arrays (~3 ns a slot on Node 20).
function clearSlots(tape: unknown[], from: number, to: number): void {
  for (let index = from; index < to; index++) tape[index] = undefined;
}

/** Drops every reference the walk kept and makes the state available to the next call. */
export function releaseState(state: SerializeState): void {
  const ancestors = state.ancestors;
  // A loop: for the few entries a walk uses, cheaper than a call to fill().
  for (let index = 0; index < ancestors.length; index++) ancestors[index] = undefined;
  if (state.tape.length > MAX_KEPT_TAPE_SLOTS) state.tape = [];
  else clearSlots(state.tape, 0, state.length);
  state.length = 0;
  state.redactor = undefined;
  idleState = state;
}
