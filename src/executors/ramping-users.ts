import { rampDurationMs, rampValueAt } from './ramp.js';
import type { Executor } from './types.js';

const ADJUST_EVERY_MS = 100;

/**
 * Users added and removed linearly along the stages (checked every 100 ms), in the run's crew of
 * closed-model users: users of the previous phase carry on, the ones left at the end carry on
 * into the next closed-model phase. The newest user is removed first.
 */
export const rampingUsers: Executor<'ramping-users'> = async (phase, runtime, crew) => {
  const ramp = { start: phase.startUsers, stages: phase.stages };
  const totalMs = rampDurationMs(ramp);
  const started = runtime.now();
  for (;;) {
    const elapsed = runtime.now() - started;
    crew.resize(Math.round(rampValueAt(ramp, Math.min(elapsed, totalMs))));
    if (elapsed >= totalMs || runtime.signal.aborted) break;
    await runtime.sleep(Math.min(ADJUST_EVERY_MS, totalMs - elapsed), runtime.signal);
  }
};
