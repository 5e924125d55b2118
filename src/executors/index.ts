import type { Phase } from '../scenario/types.js';
import { constantArrivalRate } from './constant-arrival-rate.js';
import { constantUsers } from './constant-users.js';
import { DEFAULT_GRACEFUL_STOP_MS, UserCrew } from './crew.js';
import { rampingArrivalRate } from './ramping-arrival-rate.js';
import { rampingUsers } from './ramping-users.js';
import type { Executor, ExecutorRuntime, PhaseOf } from './types.js';

/** Registry key = YAML word = file name. */
const EXECUTORS: { [E in Phase['executor']]: Executor<E> } = {
  'constant-users': constantUsers,
  'ramping-users': rampingUsers,
  'constant-arrival-rate': constantArrivalRate,
  'ramping-arrival-rate': rampingArrivalRate,
};

/** Closed-model phases bounded by time: their users carry over from one to the next. */
function usesCrew(phase: Phase): boolean {
  return phase.executor === 'ramping-users' || (phase.executor === 'constant-users' && phase.iterations === undefined);
}

/**
 * Runs a scenario's phases one after another. Users alive at the end of a closed-model phase
 * carry on into the next one when it is a closed model too (a ramp then a hold keeps every user
 * logged in); otherwise they get the phase's `graceful_stop` to finish the iteration in flight.
 */
export class PhaseRunner {
  readonly #crew: UserCrew;

  constructor(private readonly runtime: ExecutorRuntime) {
    this.#crew = new UserCrew(runtime);
  }

  async run(phase: Phase, next?: Phase): Promise<void> {
    const executor = EXECUTORS[phase.executor] as Executor<typeof phase.executor>;
    await executor(phase as PhaseOf<typeof phase.executor>, this.runtime, this.#crew);
    const carriesOn = next !== undefined && usesCrew(phase) && usesCrew(next) && !this.runtime.signal.aborted;
    if (!carriesOn) await this.#crew.stopAll(gracefulStopMs(phase));
  }
}

function gracefulStopMs(phase: Phase): number {
  return ('gracefulStopMs' in phase ? phase.gracefulStopMs : undefined) ?? DEFAULT_GRACEFUL_STOP_MS;
}

/** One phase on its own (its users stop with it). */
export function runPhase(phase: Phase, runtime: ExecutorRuntime): Promise<void> {
  return new PhaseRunner(runtime).run(phase);
}

export { childController, type ExecutorRuntime } from './types.js';
