/**
 * `loop`: repeat steps `count` times, or until `duration` has passed (checked before each
 * repetition, so the last one may end a little after it). A failing step ends the loop and the
 * iteration; an abort ends it at the next step; the phase winding down (graceful stop) ends it
 * after the current pass, so the steps after the loop still run.
 *
 * With `rate`, pass k is scheduled at loopStart + k / rate (wrk2's model): the loop waits for
 * that time, and a pass that starts late measures its latencies from the scheduled time too.
 * Slots that went by entirely while an earlier pass ran are counted as dropped arrivals: the
 * offered rate stays honest and nothing queues up behind a slow server.
 */
import { performance } from 'node:perf_hooks';
import { COUNTERS } from '../metrics/index.js';
import { sleep } from './abortable.js';
import type { StepContext, StepOf, StepRun } from './context.js';

type Loop = StepOf<'loop'>;

async function runPaced(ctx: StepContext, step: Loop, rate: number): Promise<void> {
  const intervalMs = 1000 / rate;
  const outerLagMs = ctx.lagMs;
  // The loop's own schedule starts when it should have started, if the iteration was late.
  const scheduleStart = performance.now() - (outerLagMs ?? 0);
  const endMs = performance.now() + (step.durationMs ?? Infinity);
  const passes = step.count ?? Infinity;
  try {
    for (let slot = 0, done = 0; done < passes; done += 1) {
      let dueMs = scheduleStart + slot * intervalMs;
      const now = performance.now();
      if (now - dueMs >= intervalMs) {
        const missed = Math.floor((now - dueMs) / intervalMs);
        ctx.run.metrics.increment(COUNTERS.droppedArrivals, { step: 'loop' }, missed);
        slot += missed;
        dueMs += missed * intervalMs;
      }
      if (dueMs >= endMs || ctx.windDown?.aborted) break;
      if (dueMs > now) await sleep(dueMs - now, ctx.signal);
      ctx.lagMs = Math.max(0, performance.now() - dueMs);
      await ctx.runSteps(step.steps);
      slot += 1;
    }
  } finally {
    ctx.lagMs = outerLagMs;
  }
}

export const run: StepRun<'loop'> = async (ctx, step) => {
  if (step.rate !== undefined) return runPaced(ctx, step, step.rate);
  const windingDown = () => ctx.windDown?.aborted === true;
  if (step.count !== undefined) {
    for (let i = 0; i < step.count && !windingDown(); i += 1) await ctx.runSteps(step.steps);
    return;
  }
  const endMs = performance.now() + (step.durationMs ?? 0);
  while (performance.now() < endMs && !windingDown()) await ctx.runSteps(step.steps);
};
