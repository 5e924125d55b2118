import { provisionAccounts, type Provisioned } from '../accounts/index.js';
import { PhaseRunner, childController, type ExecutorRuntime } from '../executors/index.js';
import { MetricsRegistry, ThresholdWatch, encodeRegistry, parseThresholdsOrThrow } from '../metrics/index.js';
import { redactScenario, type Phase, type Scenario } from '../scenario/index.js';
import { createFlowRunner } from '../steps/index.js';
import type { RunPeers } from '../steps/peers.js';
import type { FlowRunner } from '../steps/types.js';
import type { CheckResult } from '../checks/index.js';
import { checkEnoughAccounts } from './accounts.js';
import { ErrorLog } from './error-log.js';
import type { RunObserver } from './observer.js';
import { RESULT_FORMAT, defaultOutDir, environment, writeResult, type PhaseTiming, type RunResult } from './result.js';
import { preflightLogin } from './preflight.js';
import { failedRun, judgeHealth } from './health.js';
import { TargetWatch } from './target-watch.js';
import { executorRuntime } from './runtime.js';
import { resolveTarget, type ResolvedTarget } from './target.js';
import { scenarioDigest } from './digest.js';
import { checkSegmentable } from './segment-run.js';
import { WHOLE, shareOf, type Segment } from '../util/segment.js';

export interface RunOptions {
  /** Tool version for the result file. */
  version: string;
  /** Output directory; default reports/<scenario>-<timestamp>. */
  out?: string;
  /** Aborting stops arrivals, closes sessions and still writes the results gathered so far. */
  signal?: AbortSignal;
  /** Live output (the CLI's progress line); nothing is printed without one. */
  observer?: RunObserver;
  /** Receives a function that writes result.json with what the run gathered so far, given why it stops (a bug of ours). */
  onPartial?: (write: (internalError: string) => Promise<string>) => void;
  /** Run only this share of the scenario (docs/segments.md); the whole one when absent. */
  segment?: Segment;
  /** When the phases of every shard are to begin together (`--start-at`), epoch ms. */
  startAtMs?: number;
  /** Called once the run is ready for its phases (target, accounts, checks done); the phases start when it resolves. */
  beforePhases?: (signal: AbortSignal) => Promise<void>;
}

export interface RunOutcome {
  result: RunResult;
  /** Path of the result.json written. */
  file: string;
}

/** Runs the phases in turn, adding each one's timing to `timings` as it ends. */
async function runPhases(phases: readonly Phase[], runtime: ExecutorRuntime, observer: RunObserver | undefined, watch: ThresholdWatch, timings: PhaseTiming[]): Promise<void> {
  const runner = new PhaseRunner(runtime);
  for (const [index, phase] of phases.entries()) {
    if (runtime.signal.aborted) break;
    const startedAt = new Date();
    observer?.phaseStarted(phase, index, phases.length);
    watch.phaseStarted(phase.name);
    await runner.run(phase, phases[index + 1]);
    watch.phaseEnded(phase.name);
    const endedAt = new Date();
    timings.push({
      name: phase.name,
      executor: phase.executor,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - startedAt.getTime(),
    });
  }
}

/** Everything that must be undone whatever happened: sessions, accounts created, the lab server. */
async function tearDown(flow: FlowRunner | undefined, provisioned: Provisioned | undefined, resolved: ResolvedTarget, errors: ErrorLog): Promise<void> {
  await flow?.closeAll().catch((error: Error) => errors.record('close', error.message));
  await provisioned?.cleanup().catch((error: Error) => errors.record('cleanup', error.message));
  for (const lab of [resolved.lab, resolved.federated?.lab]) {
    await lab?.stop().catch((error: Error) => errors.record('lab', `stopping the lab server: ${error.message}`));
  }
}

/**
 * Runs a scenario end to end: target, accounts, phases, results. Once the target has answered,
 * result.json is written whatever happens next (a failure, an abort); a failure is then rethrown
 * with `resultFile` attached.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunOutcome> {
  const segment = options.segment ?? WHOLE;
  checkSegmentable(scenario, segment);
  const startedAt = new Date();
  const controller = childController(options.signal ?? new AbortController().signal);
  const signal = controller.signal;
  const metrics = new MetricsRegistry({ startEpochMs: startedAt.getTime() });
  const errors = new ErrorLog(startedAt.getTime());
  const thresholds = parseThresholdsOrThrow(scenario.thresholds ?? {});
  // Evaluated every second; an abort_on_fail threshold that fails stops the run like Ctrl-C.
  const watch = new ThresholdWatch(thresholds, { metrics, onAbort: () => controller.abort() });
  const targetWatch = new TargetWatch({ metrics, onGone: () => controller.abort() });
  const resolved = await resolveTarget(scenario.target);
  const phases: PhaseTiming[] = [];
  let failure: unknown;
  let provisioned: Provisioned | undefined;
  let checks: CheckResult[] | undefined;
  let requirements: CheckResult[] | undefined;
  let flow: FlowRunner | undefined;
  let peers: RunPeers | undefined;
  const stopObserving = options.observer?.watch(metrics, errors);
  const dir = options.out ?? defaultOutDir(scenario.name, startedAt);
  const assemble = (failure: unknown, interrupted: boolean): RunResult => {
    const endedAt = new Date();
    return {
      format: RESULT_FORMAT,
      tool: { name: 'xmpp-gauntlet', version: options.version },
      scenario: redactScenario(scenario),
      environment: environment(),
      target: resolved.summary,
      timings: {
        startedAt: startedAt.toISOString(),
        endedAt: endedAt.toISOString(),
        durationMs: endedAt.getTime() - startedAt.getTime(),
        loadMs: phases.reduce((total, phase) => total + phase.durationMs, 0),
        phases,
      },
      metrics: encodeRegistry(metrics),
      // Run health first: it is the first thing a reader must know (docs/thresholds.md).
      thresholds: [...failedRun(failure), ...judgeHealth({ scenario, metrics, targetWentAway: targetWatch.gone }), ...watch.results()],
      errors: errors.toJSON(),
      interrupted,
      ...(targetWatch.gone ? { stoppedEarly: targetWatch.gone } : {}),
      ...(checks ? { checks } : {}),
      ...(requirements?.length ? { requirements } : {}),
      phaseMetrics: watch.phaseMetrics(), // undefined (left out of the file) without phase thresholds
      scenarioDigest: scenarioDigest(scenario),
      ...(segment.count > 1 ? { segment: { index: segment.index, count: segment.count } } : {}),
      ...(options.startAtMs !== undefined ? { startAt: new Date(options.startAtMs).toISOString() } : {}),
    };
  };
  // If the process must stop on a bug, what was gathered so far is still written.
  options.onPartial?.((internalError) => writeResult(dir, assemble(`gauntlet stopped on an internal error: ${internalError}`, true)));
  try {
    const context = { connection: resolved.connection, lab: resolved.lab, federated: resolved.federated, timeoutMs: scenario.options.timeoutMs, signal, segment };
    // A checks-only scenario has no flow and no accounts of its own.
    if (scenario.accounts) {
      provisioned = await provisionAccounts(scenario.accounts, context);
      checkEnoughAccounts(scenario, provisioned.users.length, segment);
      if (provisioned.users[0]) await preflightLogin(resolved.connection, provisioned.users[0], context);
    }
    // Conformance checks run before the load, each on fresh connections (docs/checks.md); in the first segment only.
    // Loaded only when asked for: the check catalogue and the s2s peers are ~25 MiB of RSS and
    // half a second of CPU in every load run that has neither (bench/README.md).
    if (scenario.checks && segment.index === 1) {
      const { runConformance } = await import('./checks.js');
      ({ checks, requirements } = await runConformance(resolved, { ...scenario.checks, signal }, provisioned?.users));
    }
    if (scenario.peers) peers = await (await import('./peers.js')).startRunPeers(scenario.peers, resolved);
    flow = createFlowRunner({ scenario, target: resolved.connection, federatedTarget: resolved.federated?.connection, metrics, errors, peers });
    const runtime = executorRuntime(flow, provisioned?.users ?? [], metrics, signal, shareOf(segment, scenario.load.maxUsers ?? Infinity), segment);
    await options.beforePhases?.(signal);
    watch.start();
    targetWatch.start();
    await runPhases(scenario.load.phases, runtime, options.observer, watch, phases);
    // HTTP load is not split into segments: the first one runs it all.
    if (segment.index === 1 && scenario.httpLoad.length > 0) await (await import('./http-load.js')).runHttpLoad(scenario, { resolved, users: provisioned?.users ?? [], metrics, signal }, phases);
  } catch (error) {
    failure = error;
  } finally {
    stopObserving?.();
    watch.stop();
    targetWatch.stop();
    await peers?.network.close().catch((error: Error) => errors.record('close', `closing the simulated peers: ${error.message}`));
    await tearDown(flow, provisioned, resolved, errors);
  }
  const result = assemble(failure, signal.aborted && !watch.aborted && !targetWatch.gone);
  const file = await writeResult(dir, result);
  if (failure) throw Object.assign(failure as object, { resultFile: file });
  return { result, file };
}
