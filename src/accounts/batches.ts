export interface BatchOutcome<T> {
  /** Items whose task succeeded, in completion order. */
  done: T[];
  /** The first failure (no task was started after it, unless `keepGoing`). */
  failure?: unknown;
}

export interface BatchOptions {
  /** Stops starting tasks once it fires. */
  signal?: AbortSignal;
  /** Runs every task even after a failure (best-effort deletion). */
  keepGoing?: boolean;
}

/**
 * Runs `task` over `items` with at most `limit` at once. After the first failure, or once the
 * signal fires, no new task starts; the ones running are awaited. Never rejects.
 */
export async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>, options: BatchOptions = {}): Promise<BatchOutcome<T>> {
  const outcome: BatchOutcome<T> = { done: [] };
  let next = 0;
  const stopped = () => (outcome.failure !== undefined && !options.keepGoing) || options.signal?.aborted === true;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      const item = items[next++]!;
      try {
        await task(item);
        outcome.done.push(item);
      } catch (error) {
        outcome.failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcome;
}
