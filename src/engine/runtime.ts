import type { ExecutorRuntime } from '../executors/index.js';
import { COUNTERS, GAUGES, type MetricsRegistry } from '../metrics/index.js';
import { preciseNowMs } from '../steps/stamp.js';
import type { FlowRunner, VirtualUser } from '../steps/types.js';
import type { Segment } from '../util/segment.js';

/** Epoch ms with sub-millisecond resolution: the one monotonic clock of intended starts, lags and stamps. */
export const epochNow = preciseNowMs;

/** Resolves after `ms`, or at once when the signal fires; never rejects. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
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

/**
 * What executors see of the run: user slots mapped to accounts, the real clock, the live-users
 * gauge, iteration outcomes and dropped arrivals counted.
 */
export function executorRuntime(flow: FlowRunner, users: readonly VirtualUser[], metrics: MetricsRegistry, signal: AbortSignal, maxUsers = Infinity, segment?: Segment): ExecutorRuntime {
  const live = metrics.gauge(GAUGES.liveUsers);
  return {
    now: epochNow,
    sleep: abortableSleep,
    signal,
    segment,
    // Never more users at once than accounts: two users must not share one.
    maxUsers: Math.min(maxUsers, users.length),
    dropped: () => metrics.increment(COUNTERS.droppedArrivals),
    async runIteration(slot, options) {
      live.add(1);
      try {
        const outcome = await flow.runIteration(users[slot]!, options);
        metrics.increment(COUNTERS.iterations, { outcome });
        return outcome;
      } finally {
        live.add(-1);
      }
    },
  };
}
