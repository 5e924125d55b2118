/**
 * `--metrics prometheus=URL`: a run observer that pushes the run's metrics every second with
 * remote write, and once more when the run is over (`close`). Every series carries the run's
 * labels (run, scenario, segment when sharded) and, except gauges, the phase it counts.
 */
import type { RunObserver } from '../../engine/observer.js';
import type { MetricsView } from '../../metrics/index.js';
import { PhaseLedger } from './phases.js';
import { RemoteWriteQueue, type PushStats, type PushTarget } from './remote-write.js';
import { gaugeSamples, totalsSamples, type RunLabels, type Sample } from './series.js';

export interface PrometheusOutputOptions {
  readonly target: PushTarget;
  /** `run`, `scenario`, and `segment` for a shard. */
  readonly labels: RunLabels;
  /** Reports the first push failure (once). */
  readonly warn: (message: string) => void;
  readonly everyMs?: number;
}

export interface PrometheusOutput extends RunObserver {
  /** Pushes the final totals and waits for the queue; never throws. */
  close(): Promise<PushStats>;
}

function snapshot(view: MetricsView, ledger: PhaseLedger, labels: RunLabels): Sample[] {
  const phased = ledger.shares().flatMap(({ phase, totals }) => totalsSamples(totals, { ...labels, phase }));
  return [...phased, ...gaugeSamples(view, labels)];
}

export function prometheusOutput(options: PrometheusOutputOptions): PrometheusOutput {
  const queue = new RemoteWriteQueue(options.target, { warn: options.warn });
  let watched: { view: MetricsView; ledger: PhaseLedger } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const push = () => watched && queue.push(snapshot(watched.view, watched.ledger, options.labels));
  return {
    phaseStarted(phase) {
      watched?.ledger.phaseStarted(phase.name);
    },
    watch(metrics) {
      watched = { view: metrics, ledger: new PhaseLedger(metrics) };
      timer = setInterval(push, options.everyMs ?? 1000);
      timer.unref();
      return () => clearInterval(timer);
    },
    async close() {
      clearInterval(timer);
      push();
      await queue.drain();
      return queue.stats;
    },
  };
}
