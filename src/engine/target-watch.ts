/**
 * Notices a target that went away mid-run (killed, network gone): login attempts keep failing
 * with refused or closed connections and none succeeds. Then the run stops early, with its
 * results written, instead of hammering a dead port until the phases end.
 */
import { COUNTERS, keyName, parseMetricKey, type MetricsView } from '../metrics/index.js';

/** Failures that mean nothing answers there any more (timeouts may be a slow server). */
const GONE_REASONS: ReadonlySet<string> = new Set(['refused', 'closed', 'dns']);
const MIN_FAILURES = 3;
const MIN_SILENCE_MS = 3000;
const POLL_MS = 250;

export interface TargetWatchOptions {
  metrics: MetricsView;
  onGone: (why: string) => void;
  now?: () => number;
}

export class TargetWatch {
  #timer: NodeJS.Timeout | undefined;
  #lastOpened = 0;
  #lastGoneFailures = 0;
  #streak = 0;
  #streakSinceMs: number | undefined;
  #gone: string | undefined;

  constructor(private readonly options: TargetWatchOptions) {}

  start(): void {
    this.#timer = setInterval(() => this.poll(), POLL_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Why the run was stopped, once it was. */
  get gone(): string | undefined {
    return this.#gone;
  }

  /** One look at the counters (the timer calls it; tests may too). */
  poll(): void {
    if (this.#gone) return;
    const now = (this.options.now ?? Date.now)();
    const { opened, goneFailures } = this.#read();
    if (opened > this.#lastOpened) {
      this.#streak = 0;
      this.#streakSinceMs = undefined;
    } else if (goneFailures > this.#lastGoneFailures) {
      this.#streak += goneFailures - this.#lastGoneFailures;
      this.#streakSinceMs ??= now;
    }
    this.#lastOpened = opened;
    this.#lastGoneFailures = goneFailures;
    if (this.#streakSinceMs !== undefined && this.#streak >= MIN_FAILURES && now - this.#streakSinceMs >= MIN_SILENCE_MS) {
      this.#gone = `target went away: ${this.#streak} logins in a row failed (connection refused or closed) over ${((now - this.#streakSinceMs) / 1000).toFixed(1)}s, none succeeded`;
      this.stop();
      this.options.onGone(this.#gone);
    }
  }

  #read(): { opened: number; goneFailures: number } {
    let opened = 0;
    let goneFailures = 0;
    for (const key of this.options.metrics.counterKeys()) {
      const name = keyName(key);
      if (name !== COUNTERS.connectionsOpened && name !== COUNTERS.connectionsFailed) continue;
      const labels = parseMetricKey(key).labels;
      if (labels.side !== undefined) continue;
      const value = this.options.metrics.counterTotal(key) ?? 0;
      if (name === COUNTERS.connectionsOpened) opened += value;
      else if (GONE_REASONS.has(String(labels.reason))) goneFailures += value;
    }
    return { opened, goneFailures };
  }
}
