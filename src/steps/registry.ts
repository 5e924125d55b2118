import type { Step } from '../scenario/index.js';
import { throwIfAborted } from './abortable.js';
import type { UserContext } from './context.js';
import { expect } from './kinds/expect.js';
import { iq } from './kinds/iq.js';
import { login } from './kinds/login.js';
import { runLoop } from './kinds/loop.js';
import { message } from './kinds/message.js';
import { presence } from './kinds/presence.js';
import { rosterGet, rosterRemove, rosterSet } from './kinds/roster.js';
import { disconnect, raw } from './kinds/session-end.js';
import type { StepRun } from './kinds/step.js';
import { approve, subscribe } from './kinds/subscription.js';
import { think } from './kinds/think.js';
import { wait } from './kinds/wait.js';

/** Registry key = YAML word. `loop` is handled by runSteps itself, since it runs steps. */
const STEPS: { [K in Exclude<Step['kind'], 'loop'>]: StepRun<K> } = {
  login,
  presence,
  'roster.get': rosterGet,
  'roster.set': rosterSet,
  'roster.remove': rosterRemove,
  subscribe,
  approve,
  message,
  expect,
  iq,
  think,
  wait,
  disconnect,
  raw,
};

/** Runs steps in order for one user; the first failure ends the iteration (thrown). */
export async function runSteps(ctx: UserContext, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    throwIfAborted(ctx.signal);
    ctx.currentStep = step.kind;
    if (step.kind === 'loop') await runLoop(ctx, step, runSteps);
    else await (STEPS[step.kind] as StepRun<typeof step.kind>)(ctx, step as never);
  }
}
