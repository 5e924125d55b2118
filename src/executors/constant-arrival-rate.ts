import { runArrivals } from './open-model.js';
import { arrivalOffsetsMs } from './ramp.js';
import type { Executor } from './types.js';

/** Open model: `rate` new iterations per second for the duration, whatever the server does. */
export const constantArrivalRate: Executor<'constant-arrival-rate'> = (phase, runtime) =>
  runArrivals(arrivalOffsetsMs({ start: phase.rate, stages: [{ durationMs: phase.durationMs, target: phase.rate }] }), phase.maxUsers, runtime);
