/** `think`: pause like a person, for a constant, uniform or exponential time; ends at once on abort. */
import { sleep } from './abortable.js';
import type { StepOf, StepRun } from './context.js';

export type ThinkDelay = StepOf<'think'>['delay'];

/** Draws one pause in ms; `random` returns [0, 1) like Math.random. */
export function sampleThinkMs(delay: ThinkDelay, random: () => number): number {
  switch (delay.distribution) {
    case 'constant':
      return delay.ms;
    case 'uniform':
      return delay.minMs + random() * (delay.maxMs - delay.minMs);
    case 'exponential':
      // Inverse transform; 1 - u is in (0, 1], so the logarithm is finite.
      return -delay.meanMs * Math.log(1 - random());
  }
}

export const run: StepRun<'think'> = async (ctx, step) => {
  await sleep(sampleThinkMs(step.delay, ctx.run.random), ctx.signal);
};
