/** `wait`: meet every live user at a named barrier (see barriers.ts); fails on timeout. */
import type { StepRun } from './context.js';

export const run: StepRun<'wait'> = async (ctx, step) => {
  await ctx.run.barriers.arrive(step.barrier, { signal: ctx.signal, timeoutMs: step.timeoutMs });
};
