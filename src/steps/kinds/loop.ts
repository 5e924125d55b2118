import type { Step } from '../../scenario/index.js';
import type { UserContext } from '../context.js';
import type { StepOf } from './step.js';

/** Repeats its steps `count` times, or until `duration` has passed (checked between rounds). */
export async function runLoop(
  ctx: UserContext,
  step: StepOf<'loop'>,
  runSteps: (ctx: UserContext, steps: readonly Step[]) => Promise<void>,
): Promise<void> {
  const deadline = step.durationMs === undefined ? Infinity : Date.now() + step.durationMs;
  const rounds = step.count ?? Infinity;
  for (let round = 0; round < rounds && Date.now() < deadline && !ctx.signal.aborted; round++) {
    await runSteps(ctx, step.steps);
  }
}
