import type { StepRun } from './step.js';

/** Barrier: waits until every user inside an iteration has reached the same name. */
export const wait: StepRun<'wait'> = (ctx, step) =>
  ctx.shared.barriers.arrive(step.barrier, { signal: ctx.signal, timeoutMs: step.timeoutMs });
