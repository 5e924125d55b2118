import { sleep } from '../abortable.js';
import type { StepOf, StepRun } from './step.js';

type Delay = StepOf<'think'>['delay'];

/** A pause drawn from the step's distribution (milliseconds). */
export function drawDelayMs(delay: Delay, random: () => number = Math.random): number {
  switch (delay.distribution) {
    case 'constant':
      return delay.ms;
    case 'uniform':
      return delay.minMs + random() * (delay.maxMs - delay.minMs);
    case 'exponential':
      // Inverse transform; 1 - random() is in (0, 1], so the log is finite.
      return -delay.meanMs * Math.log(1 - random());
  }
}

export const think: StepRun<'think'> = (ctx, step) => sleep(drawDelayMs(step.delay), ctx.signal);
