import { encodeRegistry } from '../encode.js';
import type { MetricsJson } from '../metrics-json.js';
import type { MetricsView } from '../view.js';
import { evaluateThreshold } from './evaluate.js';
import { judgeThresholds, phaseLabel } from './judge.js';
import { PhaseWindow } from './phase-window.js';
import type { Threshold, ThresholdResult } from './types.js';

export interface WatchOptions {
  readonly metrics: MetricsView;
  /** Called once, when an `abort_on_fail` threshold fails; the run should stop. */
  readonly onAbort: (failed: ThresholdResult) => void;
  readonly intervalMs?: number;
  /** Wall-clock ms, the base of `metrics.startEpochMs`. */
  readonly epochNow?: () => number;
}

/**
 * Thresholds during a run (k6-like): every second each threshold is evaluated on a snapshot of
 * the live metrics (phase thresholds on their phase's window while it is open), the first
 * failure of each is remembered, and a failing `abort_on_fail` threshold past its
 * `delay_abort_eval` stops the run. A threshold with nothing to measure yet is not failing yet.
 */
export class ThresholdWatch {
  private readonly epochNow: () => number;
  private readonly open = new Map<string, PhaseWindow>();
  private readonly closed = new Map<string, MetricsView>();
  private readonly firstFailedAtMs = new Map<Threshold, number>();
  private timer: NodeJS.Timeout | undefined;
  private aborter: Threshold | undefined;
  /** Delays and failure times count from here: the load, not the lab start-up before it. */
  private startEpochMs: number;

  constructor(
    private readonly thresholds: readonly Threshold[],
    private readonly options: WatchOptions,
  ) {
    this.epochNow = options.epochNow ?? Date.now;
    this.startEpochMs = options.metrics.startEpochMs;
  }

  /** Call when the load starts. */
  start(): void {
    this.startEpochMs = this.epochNow();
    if (this.thresholds.length === 0 || this.timer) return;
    this.timer = setInterval(() => this.evaluateNow(), this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** True once an `abort_on_fail` threshold has stopped the run. */
  get aborted(): boolean {
    return this.aborter !== undefined;
  }

  phaseStarted(name: string): void {
    if (this.hasPhaseThresholds()) this.open.set(phaseLabel(name), new PhaseWindow(this.options.metrics, this.epochNow));
  }

  phaseEnded(name: string): void {
    const label = phaseLabel(name);
    const window = this.open.get(label);
    if (!window) return;
    this.evaluateNow(); // a failure in the phase's last second still counts
    this.open.delete(label);
    this.closed.set(label, window.close());
  }

  /** One periodic evaluation (the timer calls it; tests may too). */
  evaluateNow(): void {
    if (this.aborter) return;
    const now = this.epochNow();
    for (const threshold of this.thresholds) {
      const window = threshold.phase === undefined ? undefined : this.open.get(threshold.phase);
      if (threshold.phase !== undefined && !window) continue; // its phase is not running
      const view = window ?? this.options.metrics;
      const result = evaluateThreshold(threshold, view);
      if (result.ok || result.observed === null) continue;
      if (!this.firstFailedAtMs.has(threshold)) this.firstFailedAtMs.set(threshold, now - this.startEpochMs);
      const since = window ? window.startEpochMs : this.startEpochMs;
      if (threshold.abortOnFail && now - since >= threshold.delayAbortEvalMs) {
        this.aborter = threshold;
        this.stop();
        this.options.onAbort(result);
        return;
      }
    }
  }

  /** The end evaluation, with when each threshold first failed and which one stopped the run. */
  results(): ThresholdResult[] {
    this.closeOpenPhases();
    const results = judgeThresholds(this.thresholds, this.options.metrics, this.closed);
    return results.map((result, index) => {
      const threshold = this.thresholds[index]!;
      const firstFailedAtMs = this.firstFailedAtMs.get(threshold);
      const withTime = firstFailedAtMs === undefined ? result : { ...result, firstFailedAtMs };
      if (threshold !== this.aborter) return withTime;
      // It failed when it stopped the run, whatever the shortened run's totals say now.
      const note = `stopped the run ${(firstFailedAtMs! / 1000).toFixed(1)}s into the load (abort_on_fail)`;
      return { ...withTime, ok: false, abortedRun: true, note: result.note ? `${note}; ${result.note}` : note };
    });
  }

  /** Per-phase metrics for result.json, so a merge can judge phase thresholds again; only when some threshold names a phase. */
  phaseMetrics(): Record<string, MetricsJson> | undefined {
    if (!this.hasPhaseThresholds()) return undefined;
    this.closeOpenPhases();
    return Object.fromEntries([...this.closed].map(([label, view]) => [label, encodeRegistry(view)]));
  }

  /** A phase cut short (Ctrl-C, an abort, a failure) is judged on what it recorded. */
  private closeOpenPhases(): void {
    for (const [label, window] of this.open) this.closed.set(label, window.close());
    this.open.clear();
  }

  private hasPhaseThresholds(): boolean {
    return this.thresholds.some((threshold) => threshold.phase !== undefined);
  }
}
