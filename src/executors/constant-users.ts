import { runClosedUser } from './closed-user.js';
import { childController, type Executor } from './types.js';

/** A fixed number of users, each repeating the flow until the duration or its iterations end. */
export const constantUsers: Executor<'constant-users'> = async (phase, runtime) => {
  const users = childController(runtime.signal);
  const deadline = phase.durationMs === undefined ? undefined : runtime.sleep(phase.durationMs, users.signal).then(() => users.abort());
  const count = Math.min(phase.users, runtime.maxUsers);
  await Promise.all(Array.from({ length: count }, (_, slot) => runClosedUser(slot, runtime, users.signal, phase.iterations ?? Infinity)));
  users.abort();
  await deadline;
};
