/**
 * Politeness towards one host: at most `maxParallel` connections at once, each new one started
 * at least `delayMs` after the previous start, and nothing new once the signal aborts.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class ProbeAborted extends Error {}

export interface Pacer {
  /** Runs `work` when a slot is free and the delay has passed; rejects with ProbeAborted once aborted. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Connections started so far (evidence of politeness, tests read it). */
  readonly started: number;
}

export function createPacer(maxParallel: number, delayMs: number, signal?: AbortSignal): Pacer {
  let active = 0;
  let started = 0;
  let nextStart = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  const acquire = async () => {
    while (active >= maxParallel) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    // Reserve the next start time before sleeping, so parallel callers space out too.
    const wait = Math.max(0, nextStart - Date.now());
    nextStart = Math.max(Date.now(), nextStart) + delayMs;
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
  };
  return {
    get started() {
      return started;
    },
    async run(work) {
      if (signal?.aborted) throw new ProbeAborted('probe aborted');
      await acquire();
      try {
        if (signal?.aborted) throw new ProbeAborted('probe aborted');
        started++;
        return await work();
      } finally {
        release();
      }
    },
  };
}
