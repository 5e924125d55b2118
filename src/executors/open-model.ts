import { SlotPool } from './slots.js';
import type { ExecutorRuntime } from './types.js';
import { WHOLE, shareOf, stripeOf } from '../util/segment.js';

/**
 * Starts one iteration at each scheduled offset, timed from when it was due (`intendedStartMs`),
 * so a late start shows in the corrected latencies. An arrival that finds all `maxUsers` slots
 * busy is dropped and counted, never queued: queueing would hide the server's slowness.
 * The phase ends when the schedule is over and the iterations in flight have finished. A shard
 * (`--segment`) keeps every N-th arrival of the full schedule, at its unsharded time, and its
 * share of `maxUsers`.
 */
export async function runArrivals(offsetsMs: Iterable<number>, maxUsers: number, runtime: ExecutorRuntime): Promise<void> {
  const started = runtime.now();
  const segment = runtime.segment ?? WHOLE;
  const slots = new SlotPool(Math.min(shareOf(segment, maxUsers), runtime.maxUsers));
  const iterationsOf: number[] = [];
  const inFlight = new Set<Promise<unknown>>();
  for (const offset of stripeOf(segment, offsetsMs)) {
    const intendedStartMs = started + offset;
    // Timers may fire a fraction of a millisecond early: sleep again rather than start early.
    for (let wait = intendedStartMs - runtime.now(); wait > 0 && !runtime.signal.aborted; wait = intendedStartMs - runtime.now()) {
      await runtime.sleep(wait, runtime.signal);
    }
    if (runtime.signal.aborted) break;
    const slot = slots.take();
    if (slot === undefined) {
      runtime.dropped();
      continue;
    }
    const iteration = iterationsOf[slot] ?? 0;
    iterationsOf[slot] = iteration + 1;
    const run = runtime.runIteration(slot, { signal: runtime.signal, iteration, intendedStartMs }).finally(() => {
      slots.release(slot);
      inFlight.delete(run);
    });
    inFlight.add(run);
  }
  await Promise.all(inFlight);
}
