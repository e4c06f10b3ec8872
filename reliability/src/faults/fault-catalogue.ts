import type { GateAction, GatePolicy } from './fault-gate';
import type { TimingProfile } from './timing-profile';

/**
 * What a fault should cost, for exporters that retry (OTLP, Langfuse):
 * - `healthy`, `recoverable`: nothing is lost;
 * - `unrecoverable`: every span is dropped as `rejected`, with one log line;
 * - `exhausted`: the receiver never recovers: every span is dropped as `retriesExhausted`, one log line;
 * - `burst`: a burst larger than the queue: the overflow is dropped as `queueFull`, the rest arrives.
 */
export type FaultClass = 'healthy' | 'recoverable' | 'unrecoverable' | 'exhausted' | 'burst';

/** One row of the matrix. */
export interface Fault {
  readonly id: string;
  /** How the report names it */
  readonly label: string;
  readonly class: FaultClass;
  /** Whether the fault is on the network (dd-trace retries those) rather than an HTTP status */
  readonly network: boolean;
  /** What the receiver does with each data request */
  policy(profile: TimingProfile): GatePolicy;
  /** The receiver refuses connections for `profile.refuseMs` from the start of the cell */
  readonly refuse?: boolean;
}

const PASS: GateAction = { kind: 'pass' };

function firstRequests(count: number, action: () => GateAction): GatePolicy {
  return (index) => (index < count ? action() : PASS);
}

function status(code: number, headers?: () => Record<string, string>): GateAction {
  return headers === undefined ? { kind: 'status', status: code } : { kind: 'status', status: code, headers };
}

const serverError = (code: number): Fault => ({
  id: `http-${code}`,
  label: `${code} ×3, then recovers`,
  class: 'recoverable',
  network: false,
  policy: () => firstRequests(3, () => status(code)),
});

const clientError = (code: number): Fault => ({
  id: `http-${code}`,
  label: `${code} on every request`,
  class: 'unrecoverable',
  network: false,
  policy: () => () => status(code),
});

/** Every fault of the issue, plus a healthy baseline and a receiver that never recovers. */
export const FAULTS: readonly Fault[] = [
  { id: 'healthy', label: 'healthy receiver', class: 'healthy', network: false, policy: () => () => PASS },
  serverError(500),
  serverError(502),
  serverError(503),
  {
    id: 'http-429-seconds',
    label: '429 + Retry-After: seconds ×2',
    class: 'recoverable',
    network: false,
    policy: (profile) =>
      firstRequests(2, () => status(429, () => ({ 'retry-after': String(profile.retryAfterSeconds) }))),
  },
  {
    id: 'http-429-date',
    label: '429 + Retry-After: HTTP date ×2',
    class: 'recoverable',
    network: false,
    policy: (profile) =>
      firstRequests(2, () =>
        status(429, () => ({
          // HTTP dates have whole seconds: one more second keeps the wait at least retryAfterSeconds.
          'retry-after': new Date(Date.now() + (profile.retryAfterSeconds + 1) * 1000).toUTCString(),
        })),
      ),
  },
  clientError(400),
  clientError(401),
  clientError(403),
  clientError(413),
  {
    id: 'hang',
    label: 'accepts, then hangs ×2',
    class: 'recoverable',
    network: true,
    policy: () => firstRequests(2, () => ({ kind: 'hang' })),
  },
  {
    id: 'reset',
    label: 'resets mid-body ×2',
    class: 'recoverable',
    network: true,
    policy: () => firstRequests(2, () => ({ kind: 'reset' })),
  },
  {
    id: 'refuse',
    label: 'refuses connections, then comes up',
    class: 'recoverable',
    network: true,
    refuse: true,
    policy: () => () => PASS,
  },
  {
    id: 'slow-burst',
    label: 'slow answers under a burst',
    class: 'burst',
    network: false,
    policy: (profile) => () => ({ kind: 'slow', delayMs: profile.slowMs }),
  },
  {
    id: 'http-503-forever',
    label: '503 forever (past the retry budget)',
    class: 'exhausted',
    network: false,
    policy: () => () => status(503),
  },
];

/** The label of a fault with the profile's durations filled in. */
export function faultLabel(fault: Fault, profile: TimingProfile): string {
  if (fault.id === 'refuse') return `refuses connections ${profile.refuseMs / 1000} s, then comes up`;
  if (fault.id === 'slow-burst')
    return `${profile.slowMs / 1000} s per answer, burst of ${profile.burstSpans} spans`;
  if (fault.id === 'http-429-seconds') return `429 + Retry-After: ${profile.retryAfterSeconds} (seconds) ×2`;
  return fault.label;
}
