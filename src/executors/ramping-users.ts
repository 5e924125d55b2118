import { runClosedUser } from './closed-user.js';
import { rampDurationMs, rampValueAt } from './ramp.js';
import { SlotPool } from './slots.js';
import { childController, type Executor } from './types.js';

const ADJUST_EVERY_MS = 100;

interface RunningUser {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Users added and removed linearly along the stages (checked every 100 ms). The newest user is
 * removed first: its signal aborts, it finishes its iteration as aborted and frees its account.
 */
export const rampingUsers: Executor<'ramping-users'> = async (phase, runtime) => {
  const ramp = { start: phase.startUsers, stages: phase.stages };
  const totalMs = rampDurationMs(ramp);
  const started = runtime.now();
  const slots = new SlotPool();
  const running: RunningUser[] = [];
  const stopping: Promise<void>[] = [];
  for (;;) {
    const elapsed = runtime.now() - started;
    const wanted = Math.min(Math.round(rampValueAt(ramp, Math.min(elapsed, totalMs))), runtime.maxUsers);
    while (running.length < wanted && !runtime.signal.aborted) {
      const slot = slots.take()!;
      const controller = childController(runtime.signal);
      const done = runClosedUser(slot, runtime, controller.signal).finally(() => slots.release(slot));
      running.push({ controller, done });
    }
    while (running.length > wanted) {
      const user = running.pop()!;
      user.controller.abort();
      stopping.push(user.done);
    }
    if (elapsed >= totalMs || runtime.signal.aborted) break;
    await runtime.sleep(Math.min(ADJUST_EVERY_MS, totalMs - elapsed), runtime.signal);
  }
  for (const user of running) user.controller.abort();
  await Promise.all([...stopping, ...running.map((user) => user.done)]);
};
