/**
 * The flow runner: runs a scenario's flow for one virtual user per call, turns step failures
 * into ErrorSink records and counters, and keeps what users share (online sessions, barriers).
 */
import { randomBytes } from 'node:crypto';
import { COUNTERS, type MetricsRegistry } from '../metrics/index.js';
import type { Scenario, Step } from '../scenario/types.js';
import { IterationAbortedError, throwIfAborted } from './abortable.js';
import { Barriers } from './barriers.js';
import { Deliveries } from './deliveries.js';
import { FederationTally } from './federation.js';
import { StepContext, type RunState, type StepRun } from './context.js';
import { toStepFailure, type StepFailure } from './failures.js';
import { inboxLimitFor } from './login.js';
import { OnlineRegistry } from './online.js';
import { watchPeers, type RunPeers } from './peers.js';
import { STEPS } from './registry.js';
import { preciseNowMs } from './stamp.js';
import type { ConnectionTarget, ErrorSink, FlowRunner, IterationOptions, IterationOutcome, VirtualUser } from './types.js';

export interface FlowRunnerDeps {
  scenario: Scenario;
  target: ConnectionTarget;
  /** The second server of a two-server run: users of its domain log in there. */
  federatedTarget?: ConnectionTarget;
  metrics: MetricsRegistry;
  errors: ErrorSink;
  /** [0, 1) like Math.random (the default); for recipients and think times. */
  random?: () => number;
  /** The scenario's simulated peer domains, already started. */
  peers?: RunPeers;
}

async function runSteps(ctx: StepContext, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    throwIfAborted(ctx.signal);
    ctx.nextSeq();
    try {
      await (STEPS[step.kind] as StepRun<Step['kind']>)(ctx, step);
    } catch (error) {
      if (error instanceof IterationAbortedError) throw error;
      const failure = toStepFailure(error);
      failure.step ??= step.kind;
      throw failure;
    }
  }
}

function recordFailure(run: RunState, user: VirtualUser, failure: StepFailure): void {
  run.errors.record(failure.kind, failure.message, { user: user.username, step: failure.step, condition: failure.condition });
  if (failure.kind === 'timeout') run.metrics.increment(COUNTERS.timeouts, { step: failure.step ?? 'unknown' });
}

export function createFlowRunner(deps: FlowRunnerDeps): FlowRunner {
  let live = 0;
  const runId = randomBytes(6).toString('hex');
  const run: RunState = {
    runId,
    target: deps.target,
    federatedTarget: deps.federatedTarget,
    federation: deps.federatedTarget && new FederationTally(deps.federatedTarget.domain, runId, deps.metrics),
    metrics: deps.metrics,
    errors: deps.errors,
    online: new OnlineRegistry(),
    deliveries: new Deliveries(deps.metrics),
    barriers: new Barriers(() => live),
    sessions: new Set(),
    seqByUser: new Map(),
    defaultTimeoutMs: deps.scenario.options.timeoutMs,
    random: deps.random ?? Math.random,
    peers: deps.peers,
    inboxLimit: inboxLimitFor(deps.scenario.flow),
  };
  if (deps.peers) watchPeers(deps.peers, deps.metrics, run.runId);

  async function runIteration(user: VirtualUser, options: IterationOptions): Promise<IterationOutcome> {
    live += 1;
    // Intended start, lag and stamps all come from one monotonic clock (stamp.ts), so a lag is never negative.
    const lagMs = options.intendedStartMs === undefined ? undefined : preciseNowMs() - options.intendedStartMs;
    const ctx: StepContext = new StepContext(run, user, options.signal, lagMs, (steps) => runSteps(ctx, steps));
    ctx.windDown = options.windDown;
    try {
      await runSteps(ctx, deps.scenario.flow);
      return 'completed';
    } catch (error) {
      // Once the phase is over, whatever broke (often a session closed under a step) is no failure.
      if (options.signal.aborted) return 'aborted';
      recordFailure(run, user, toStepFailure(error));
      return 'failed';
    } finally {
      await ctx.session?.close(run.defaultTimeoutMs).catch(() => undefined);
      live -= 1;
      run.barriers.reevaluate();
    }
  }

  return {
    runIteration,
    liveUsers: () => live,
    async closeAll() {
      await Promise.allSettled([...run.sessions].map((session) => session.close(run.defaultTimeoutMs)));
      // Sessions closed: a crossing message that has not arrived by now never will.
      run.federation?.settle();
    },
  };
}
