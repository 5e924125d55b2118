import type { MetricsView } from '../metrics/index.js';
import type { Phase } from '../scenario/index.js';
import type { ErrorLog } from './error-log.js';

/** Optional hooks for live output (the CLI's progress line); the engine works without them. */
export interface RunObserver {
  phaseStarted(phase: Phase, index: number, count: number): void;
  /** Starts watching the run's metrics; returns the function that stops it. */
  watch(metrics: MetricsView, errors: ErrorLog): () => void;
}
