import { setMaxListeners } from 'node:events';
import type { Phase } from '../scenario/types.js';
import type { IterationOutcome } from '../steps/types.js';
import type { Segment } from '../util/segment.js';

/** What an executor may do: start iterations for user slots, on a clock it is given. */
export interface ExecutorRuntime {
  /** Runs the flow once for the user in `slot` (0-based); never rejects. */
  runIteration(slot: number, options: { signal: AbortSignal; iteration: number; intendedStartMs?: number; windDown?: AbortSignal }): Promise<IterationOutcome>;
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` or as soon as the signal fires (never rejects). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** An open-model arrival found every user slot busy and was dropped. */
  dropped(): void;
  /** Aborts the whole phase (phase deadline is the executor's own business). */
  signal: AbortSignal;
  /** Cap on this shard's users alive at once (its share of `load.max_users`, its accounts); Infinity when none. */
  maxUsers: number;
  /** The shard of the scenario this process runs (`--segment`); the whole scenario when absent. */
  segment?: Segment;
}

export type PhaseOf<E extends Phase['executor']> = Extract<Phase, { executor: E }>;

/** The closed-model users shared by consecutive phases (see crew.ts). */
export interface Crew {
  resize(wanted: number): void;
}

export type Executor<E extends Phase['executor']> = (phase: PhaseOf<E>, runtime: ExecutorRuntime, crew: Crew) => Promise<void>;

/**
 * A controller aborted by its parent too, so one abort reaches every user of a phase. Its signal
 * is shared by many users' steps: no listener limit (Node warns past 10 otherwise).
 */
export function childController(parent: AbortSignal): AbortController {
  const child = new AbortController();
  setMaxListeners(0, child.signal);
  if (parent.aborted) {
    child.abort();
    return child;
  }
  const forward = () => child.abort();
  parent.addEventListener('abort', forward, { once: true });
  // A child that ends on its own must not stay registered on a long-lived parent.
  child.signal.addEventListener('abort', () => parent.removeEventListener('abort', forward), { once: true });
  return child;
}
