/**
 * `loop`: repeat steps `count` times, or until `duration` has passed (checked before each
 * repetition, so the last one may end a little after it). A failing step ends the loop and the
 * iteration; an abort ends it at the next step.
 */
import { performance } from 'node:perf_hooks';
import type { StepRun } from './context.js';

export const run: StepRun<'loop'> = async (ctx, step) => {
  if (step.count !== undefined) {
    for (let i = 0; i < step.count; i += 1) await ctx.runSteps(step.steps);
    return;
  }
  const endMs = performance.now() + (step.durationMs ?? 0);
  while (performance.now() < endMs) await ctx.runSteps(step.steps);
};
