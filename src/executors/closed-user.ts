import type { ExecutorRuntime } from './types.js';

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;

/** Exponential back-off after `failures` failed iterations in a row, capped, with jitter (50–100%). */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return ceiling * (0.5 + random() / 2);
}

/**
 * One user of a closed model: repeats the flow until its signal fires or it has done
 * `iterations` (or `windDown` fires: the phase is ending). Iterations that fail do not stop the user (k6's
 * constant-vus behaves alike).
 */
export async function runClosedUser(slot: number, runtime: ExecutorRuntime, signal: AbortSignal, iterations = Infinity, windDown?: AbortSignal): Promise<void> {
  let failures = 0;
  // A back-off pause ends early when the phase winds down: the user has nothing left to retry.
  // Built on the first failure only: a combined signal (an EventTarget and sets of weak
  // references on both sources) would otherwise be held for every user for the whole run.
  let pause: AbortSignal | undefined;
  for (let iteration = 0; iteration < iterations && !signal.aborted && !windDown?.aborted; iteration++) {
    const outcome = await runtime.runIteration(slot, { signal, iteration, windDown });
    failures = outcome === 'failed' ? failures + 1 : 0;
    // A flow that fails at once would otherwise spin, and all users retrying in step would hammer a
    // target that is restarting: back off, jittered and capped.
    if (failures > 0) await runtime.sleep(backoffMs(failures), (pause ??= windDown ? AbortSignal.any([signal, windDown]) : signal));
  }
}
