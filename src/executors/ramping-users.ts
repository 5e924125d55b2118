import { runClosedUser } from './closed-user.js';
import { rampDurationMs, rampValueAt } from './ramp.js';
import { childController, type Executor } from './types.js';

const ADJUST_EVERY_MS = 100;

/** Users added and removed linearly along the stages; a removed user stops its iteration. */
export const rampingUsers: Executor<'ramping-users'> = async (phase, runtime) => {
  const ramp = { start: phase.startUsers, stages: phase.stages };
  const totalMs = rampDurationMs(ramp);
  const started = runtime.now();
  const running: Array<{ controller: AbortController; done: Promise<void> }> = [];
  const finished: Promise<void>[] = [];
  for (;;) {
    const elapsed = runtime.now() - started;
    const wanted = Math.round(rampValueAt(ramp, Math.min(elapsed, totalMs)));
    while (running.length < wanted && !runtime.signal.aborted) {
      const controller = childController(runtime.signal);
      running.push({ controller, done: runClosedUser(running.length, runtime, controller.signal) });
    }
    while (running.length > wanted) {
      const user = running.pop()!;
      user.controller.abort();
      finished.push(user.done);
    }
    if (elapsed >= totalMs || runtime.signal.aborted) break;
    await runtime.sleep(Math.min(ADJUST_EVERY_MS, totalMs - elapsed), runtime.signal);
  }
  for (const user of running) user.controller.abort();
  await Promise.all([...finished, ...running.map((user) => user.done)]);
};
