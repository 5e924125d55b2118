import type { MetricsView } from '../metrics/index.js';
import type { Phase } from '../scenario/index.js';
import type { ErrorLog } from './error-log.js';

/** Optional hooks for live output (the CLI's progress line); the engine works without them. */
export interface RunObserver {
  phaseStarted(phase: Phase, index: number, count: number): void;
  /** Starts watching the run's metrics; returns the function that stops it. */
  watch(metrics: MetricsView, errors: ErrorLog): () => void;
}

/** One observer that forwards to several (the progress line and live metrics outputs). */
export function combineObservers(observers: readonly RunObserver[]): RunObserver | undefined {
  if (observers.length <= 1) return observers[0];
  return {
    phaseStarted: (phase, index, count) => observers.forEach((observer) => observer.phaseStarted(phase, index, count)),
    watch: (metrics, errors) => {
      const stops = observers.map((observer) => observer.watch(metrics, errors));
      return () => stops.forEach((stop) => stop());
    },
  };
}
