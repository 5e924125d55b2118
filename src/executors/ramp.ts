/** A piecewise linear ramp: a start value, then stages each reaching `target` over `durationMs`. */
export interface Ramp {
  start: number;
  stages: ReadonlyArray<{ durationMs: number; target: number }>;
}

export function rampDurationMs(ramp: Ramp): number {
  return ramp.stages.reduce((total, stage) => total + stage.durationMs, 0);
}

/** The ramp's value `elapsedMs` after its start (the last target once it is over). */
export function rampValueAt(ramp: Ramp, elapsedMs: number): number {
  let from = ramp.start;
  let t = elapsedMs;
  for (const stage of ramp.stages) {
    if (t <= stage.durationMs) return stage.durationMs === 0 ? stage.target : from + ((stage.target - from) * t) / stage.durationMs;
    t -= stage.durationMs;
    from = stage.target;
  }
  return from;
}

/**
 * Offsets (ms from the start) at which arrivals fall when the ramp is a rate per second: the
 * k-th arrival comes when the integral of the rate reaches k (solved per stage, exactly).
 */
export function* arrivalOffsetsMs(ramp: Ramp): Generator<number> {
  let stageStart = 0;
  let from = ramp.start;
  let arrived = 0;
  let integral = 0;
  for (const stage of ramp.stages) {
    const seconds = stage.durationMs / 1000;
    const slope = seconds > 0 ? (stage.target - from) / seconds : 0;
    const stageTotal = from * seconds + (slope * seconds * seconds) / 2;
    while (integral + stageTotal >= arrived + 1 - 1e-9) {
      const need = arrived + 1 - integral;
      // Solve from*t + slope*t²/2 = need for t in [0, seconds].
      const t = Math.abs(slope) < 1e-12 ? need / from : (-from + Math.sqrt(Math.max(0, from * from + 2 * slope * need))) / slope;
      arrived++;
      yield stageStart + t * 1000;
    }
    integral += stageTotal;
    stageStart += stage.durationMs;
    from = stage.target;
  }
}
