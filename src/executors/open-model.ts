import type { ExecutorRuntime } from './types.js';

/**
 * Starts one iteration at each scheduled offset. An arrival that finds all `maxUsers` slots busy
 * is dropped and counted, never queued: queueing would hide the server's slowness.
 */
export async function runArrivals(offsetsMs: Iterable<number>, maxUsers: number, runtime: ExecutorRuntime): Promise<void> {
  const started = runtime.now();
  const free = Array.from({ length: maxUsers }, (_, slot) => maxUsers - 1 - slot);
  const inFlight = new Set<Promise<unknown>>();
  let iteration = 0;
  for (const offset of offsetsMs) {
    const intendedStartMs = started + offset;
    const wait = intendedStartMs - runtime.now();
    if (wait > 0) await runtime.sleep(wait, runtime.signal);
    if (runtime.signal.aborted) break;
    const slot = free.pop();
    if (slot === undefined) {
      runtime.dropped();
      continue;
    }
    const run = runtime
      .runIteration(slot, { signal: runtime.signal, iteration: iteration++, intendedStartMs })
      .finally(() => {
        free.push(slot);
        inFlight.delete(run);
      });
    inFlight.add(run);
  }
  await Promise.all(inFlight);
}
