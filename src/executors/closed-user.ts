import type { ExecutorRuntime } from './types.js';

/**
 * One user of a closed model: repeats the flow until its signal fires or it has done
 * `iterations`. Iterations that fail do not stop the user (k6's constant-vus behaves alike).
 */
export async function runClosedUser(slot: number, runtime: ExecutorRuntime, signal: AbortSignal, iterations = Infinity): Promise<void> {
  for (let iteration = 0; iteration < iterations && !signal.aborted; iteration++) {
    const outcome = await runtime.runIteration(slot, { signal, iteration });
    // A flow that fails at once would otherwise spin; give the target a breath.
    if (outcome === 'failed') await runtime.sleep(100, signal);
  }
}
