/** Promise helpers that give up promptly when the iteration's abort signal fires. */

/** Thrown (and caught by the runner) when the phase ends or SIGINT arrives mid-step. */
export class IterationAbortedError extends Error {
  constructor() {
    super('iteration aborted');
    this.name = 'IterationAbortedError';
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new IterationAbortedError();
}

/** Resolves after `ms`, or rejects with IterationAbortedError as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new IterationAbortedError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new IterationAbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles like `promise`, unless the signal fires first. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new IterationAbortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new IterationAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
