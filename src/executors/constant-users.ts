import { runClosedUser } from './closed-user.js';
import { childController, type Executor } from './types.js';
import { WHOLE, shareOf } from '../util/segment.js';

/**
 * A fixed number of users. With `iterations`, each runs the flow that many times (the phase ends
 * when all are done, or at `duration`). With `duration` alone, the run's crew of closed-model users
 * is resized to `users` (users of the previous phase carry on) and the phase lasts `duration`.
 */
export const constantUsers: Executor<'constant-users'> = async (phase, runtime, crew) => {
  if (phase.iterations === undefined) {
    crew.resize(phase.users);
    await runtime.sleep(phase.durationMs ?? 0, runtime.signal);
    return;
  }
  const users = childController(runtime.signal);
  const deadline = phase.durationMs === undefined ? undefined : runtime.sleep(phase.durationMs, users.signal).then(() => users.abort());
  const count = Math.min(shareOf(runtime.segment ?? WHOLE, phase.users), runtime.maxUsers);
  await Promise.all(Array.from({ length: count }, (_, slot) => runClosedUser(slot, runtime, users.signal, phase.iterations)));
  users.abort();
  await deadline;
};
