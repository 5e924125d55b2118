import { randomBytes } from 'node:crypto';
import { COUNTERS } from '../metrics/index.js';
import { IterationAbortedError } from './abortable.js';
import { Barriers } from './barriers.js';
import { UserContext, type FlowDeps, type RunShared } from './context.js';
import { toStepFailure } from './failures.js';
import { OnlineRegistry } from './online.js';
import { runSteps } from './registry.js';
import type { FlowRunner } from './types.js';

/** The steps room's one entry point: runs the scenario's flow for one user at a time. */
export function createFlowRunner(deps: FlowDeps): FlowRunner {
  let live = 0;
  const active = new Set<UserContext>();
  const shared: RunShared = {
    ...deps,
    online: new OnlineRegistry(),
    barriers: new Barriers(() => live),
    runId: randomBytes(6).toString('hex'),
  };

  return {
    liveUsers: () => live,

    async runIteration(user, options) {
      const ctx = new UserContext(user, shared, options.signal, options.iteration, options.intendedStartMs);
      live++;
      active.add(ctx);
      try {
        await runSteps(ctx, deps.scenario.flow);
        return 'completed';
      } catch (error) {
        if (error instanceof IterationAbortedError || options.signal.aborted) return 'aborted';
        const failure = toStepFailure(error);
        if (failure.kind === 'timeout') deps.metrics.increment(COUNTERS.timeouts);
        deps.errors.record(failure.kind, failure.message, { user: user.jid, step: ctx.currentStep, condition: failure.condition });
        return 'failed';
      } finally {
        live--;
        active.delete(ctx);
        shared.online.remove(user.username);
        shared.barriers.reevaluate();
        await ctx.session?.close().catch(() => undefined);
      }
    },

    async closeAll() {
      await Promise.all([...active].map((ctx) => ctx.session?.close().catch(() => undefined)));
    },
  };
}

export type { FlowDeps } from './context.js';
export type { ConnectionTarget, ErrorSink, FlowRunner, IterationOutcome, VirtualUser } from './types.js';
