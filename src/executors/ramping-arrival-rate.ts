import { runArrivals } from './open-model.js';
import { arrivalOffsetsMs } from './ramp.js';
import type { Executor } from './types.js';

/** Open model whose arrival rate ramps linearly along the stages. */
export const rampingArrivalRate: Executor<'ramping-arrival-rate'> = (phase, runtime) =>
  runArrivals(arrivalOffsetsMs({ start: phase.startRate, stages: phase.stages }), phase.maxUsers, runtime);
