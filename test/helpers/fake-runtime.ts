import { setMaxListeners } from 'node:events';
import type { ExecutorRuntime } from '../../src/executors/index.js';
import type { IterationOutcome } from '../../src/steps/types.js';
import type { Segment } from '../../src/util/segment.js';

const EPOCH = 1_700_000_000_000;

interface Timer {
  at: number;
  seq: number;
  fire(): void;
}

/**
 * Virtual time: `sleep` registers a timer and `run` jumps from timer to timer once everything
 * else has settled, so a 10-minute phase runs in milliseconds and always the same way.
 */
export class FakeTime {
  nowMs = EPOCH;
  private timers: Timer[] = [];
  private seq = 0;

  readonly now = (): number => this.nowMs;

  readonly sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer: Timer = { at: this.nowMs + Math.max(0, ms), seq: this.seq++, fire: () => done() };
      const done = () => {
        this.timers = this.timers.filter((other) => other !== timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      this.timers.push(timer);
    });

  /** Elapsed virtual ms since the start. */
  get elapsed(): number {
    return this.nowMs - EPOCH;
  }

  /** Calls `action` when virtual time reaches `atMs` (elapsed). */
  at(atMs: number, action: () => void): void {
    const timer: Timer = {
      at: EPOCH + atMs,
      seq: this.seq++,
      fire: () => {
        this.timers = this.timers.filter((other) => other !== timer);
        action();
      },
    };
    this.timers.push(timer);
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return work;
      const next = this.timers.reduce<Timer | undefined>((a, b) => (!a || b.at < a.at || (b.at === a.at && b.seq < a.seq) ? b : a), undefined);
      if (!next) throw new Error('nothing scheduled, yet the work has not finished');
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fire();
    }
  }
}

export interface Started {
  slot: number;
  iteration: number;
  /** Elapsed virtual ms. */
  at: number;
  intended?: number;
  outcome?: IterationOutcome;
  endedAt?: number;
}

/** A runtime on virtual time whose iterations last `iterationMs` and are all logged. */
export function fakeRuntime(options: { iterationMs: number; outcome?: IterationOutcome; maxUsers?: number; segment?: Segment }) {
  const time = new FakeTime();
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const log = { started: [] as Started[], dropped: 0, live: 0, peakLive: 0, liveAt: [] as Array<[number, number]> };
  const setLive = (delta: number) => {
    log.live += delta;
    log.peakLive = Math.max(log.peakLive, log.live);
    log.liveAt.push([time.elapsed, log.live]);
  };
  const runtime: ExecutorRuntime = {
    now: time.now,
    sleep: time.sleep,
    signal: controller.signal,
    maxUsers: options.maxUsers ?? Infinity,
    segment: options.segment,
    dropped: () => void log.dropped++,
    async runIteration(slot, { signal, iteration, intendedStartMs }) {
      const entry: Started = { slot, iteration, at: time.elapsed, intended: intendedStartMs === undefined ? undefined : intendedStartMs - EPOCH };
      log.started.push(entry);
      setLive(1);
      await time.sleep(options.iterationMs, signal);
      setLive(-1);
      entry.outcome = signal.aborted ? 'aborted' : (options.outcome ?? 'completed');
      entry.endedAt = time.elapsed;
      return entry.outcome;
    },
  };
  return { time, runtime, log, controller };
}

/** Live users at elapsed time `ms` (the last change at or before it). */
export function liveAt(log: { liveAt: Array<[number, number]> }, ms: number): number {
  let live = 0;
  for (const [at, value] of log.liveAt) if (at <= ms) live = value;
  return live;
}
