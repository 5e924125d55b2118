import type { Phase } from '../scenario/types.js';
import { constantArrivalRate } from './constant-arrival-rate.js';
import { constantUsers } from './constant-users.js';
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

export function runPhase(phase: Phase, runtime: ExecutorRuntime): Promise<void> {
  const executor = EXECUTORS[phase.executor] as Executor<typeof phase.executor>;
  return executor(phase as PhaseOf<typeof phase.executor>, runtime);
}

export { childController, type ExecutorRuntime } from './types.js';
