import { provisionAccounts } from '../accounts/index.js';
import { runPhase, type ExecutorRuntime } from '../executors/index.js';
import { COUNTERS, GAUGES, MetricsRegistry, encodeRegistry, evaluateThresholds, parseThresholds } from '../metrics/index.js';
import { redactScenario, type Phase, type Scenario } from '../scenario/index.js';
import { createFlowRunner } from '../steps/index.js';
import type { FlowRunner, VirtualUser } from '../steps/types.js';
import { ErrorLog } from './error-log.js';
import type { RunObserver } from './observer.js';
import { RESULT_FORMAT, defaultOutDir, environment, writeResult, type PhaseTiming, type RunResult } from './result.js';
import { resolveTarget, type TargetSummary } from './target.js';

export interface RunOptions {
  /** Tool version for the result file. */
  version: string;
  /** Output directory; default reports/<scenario>-<timestamp>. */
  out?: string;
  /** Aborting stops arrivals, closes sessions and still writes the results gathered so far. */
  signal?: AbortSignal;
  observer?: RunObserver;
}

export interface RunOutcome {
  result: RunResult;
  file: string;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Adapts the flow runner to what executors see: user slots, live-user gauge, outcomes counted. */
function executorRuntime(flow: FlowRunner, users: VirtualUser[], metrics: MetricsRegistry, signal: AbortSignal): ExecutorRuntime {
  const live = metrics.gauge(GAUGES.liveUsers);
  return {
    now: () => Date.now(),
    sleep: abortableSleep,
    signal,
    dropped: () => metrics.increment(COUNTERS.droppedArrivals),
    async runIteration(slot, options) {
      live.add(1);
      try {
        const outcome = await flow.runIteration(users[slot % users.length]!, options);
        metrics.increment('iterations', { outcome });
        return outcome;
      } finally {
        live.add(-1);
      }
    },
  };
}

async function runPhases(phases: readonly Phase[], runtime: ExecutorRuntime, observer: RunObserver | undefined): Promise<PhaseTiming[]> {
  const timings: PhaseTiming[] = [];
  for (const [index, phase] of phases.entries()) {
    if (runtime.signal.aborted) break;
    const startedAt = new Date();
    observer?.phaseStarted(phase, index, phases.length);
    await runPhase(phase, runtime);
    timings.push({ name: phase.name, executor: phase.executor, startedAt: startedAt.toISOString(), endedAt: new Date().toISOString() });
  }
  return timings;
}

/**
 * Runs a scenario end to end: target, accounts, phases, results. Whatever happens after the
 * target answered (a failure, SIGINT), result.json is written with what was gathered.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const signal = options.signal ?? new AbortController().signal;
  const metrics = new MetricsRegistry({ startEpochMs: startedAt.getTime() });
  const errors = new ErrorLog(startedAt.getTime());
  const { thresholds } = parseThresholds(scenario.thresholds ?? {});
  const resolved = await resolveTarget(scenario.target);
  let phases: PhaseTiming[] = [];
  let failure: unknown;
  let flow: FlowRunner | undefined;
  const stopObserving = options.observer?.watch(metrics, errors);
  try {
    const timeoutMs = scenario.options.timeoutMs;
    const { users, cleanup } = await provisionAccounts(scenario.accounts, { connection: resolved.connection, lab: resolved.lab, timeoutMs });
    const runner = createFlowRunner({ scenario, target: resolved.connection, metrics, errors });
    flow = runner;
    phases = await runPhases(scenario.load.phases, executorRuntime(runner, users, metrics, signal), options.observer);
    await runner.closeAll();
    await cleanup().catch((error: Error) => errors.record('cleanup', error.message));
  } catch (error) {
    failure = error;
    await flow?.closeAll().catch(() => undefined);
  } finally {
    stopObserving?.();
    await resolved.lab?.stop();
  }
  const result = assemble(scenario, options.version, resolved.summary, startedAt, phases, metrics, errors, signal.aborted);
  result.thresholds = evaluateThresholds(thresholds, metrics);
  const file = await writeResult(options.out ?? defaultOutDir(scenario.name, startedAt), result);
  if (failure) throw Object.assign(failure as object, { resultFile: file });
  return { result, file };
}

function assemble(
  scenario: Scenario,
  version: string,
  target: TargetSummary,
  startedAt: Date,
  phases: PhaseTiming[],
  metrics: MetricsRegistry,
  errors: ErrorLog,
  interrupted: boolean,
): RunResult {
  const endedAt = new Date();
  return {
    format: RESULT_FORMAT,
    tool: { name: 'xmpp-gauntlet', version },
    scenario: redactScenario(scenario),
    environment: environment(),
    target,
    timings: { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), durationMs: endedAt.getTime() - startedAt.getTime(), phases },
    metrics: encodeRegistry(metrics),
    thresholds: [],
    errors: errors.toJSON(),
    interrupted,
  };
}
