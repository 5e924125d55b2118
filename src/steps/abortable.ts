/** Promise helpers that give up promptly when the iteration's abort signal fires. */
import { timeoutFailure } from './failures.js';

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
  if (signal.aborted) return Promise.reject(new IterationAbortedError());
  return new Promise<void>((resolve, reject) => {
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

export interface Bounds {
  signal: AbortSignal;
  /** When set, rejects with a timeout StepFailure naming `what` after this long. */
  timeoutMs?: number;
  what?: string;
}

/**
 * Settles like `promise`, unless the signal fires first (IterationAbortedError) or the timeout
 * passes (StepFailure). The promise itself keeps running; its late outcome is ignored.
 */
export function bounded<T>(promise: Promise<T>, bounds: Bounds): Promise<T> {
  const { signal, timeoutMs, what = 'the step' } = bounds;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new IterationAbortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const settle = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      settle();
      reject(new IterationAbortedError());
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            settle();
            reject(timeoutFailure(what, timeoutMs));
          }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
