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

/**
 * One real 'abort' listener per signal, fanning out to a Set: adding and removing an
 * EventTarget listener for every sleep and every bounded wait was a visible share of a chat
 * run's CPU. Returns the unsubscribe function.
 */
const abortHandlers = new WeakMap<AbortSignal, Set<() => void>>();

export function onAbort(signal: AbortSignal, handler: () => void): () => void {
  if (signal.aborted) {
    queueMicrotask(handler);
    return () => undefined;
  }
  let handlers = abortHandlers.get(signal);
  if (!handlers) {
    const set = new Set<() => void>();
    handlers = set;
    abortHandlers.set(signal, set);
    signal.addEventListener('abort', () => {
      for (const run of [...set]) run();
      set.clear();
    }, { once: true });
  }
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** Resolves after `ms`, or rejects with IterationAbortedError as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new IterationAbortedError());
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, Math.max(0, ms));
    const unsubscribe = onAbort(signal, () => {
      clearTimeout(timer);
      reject(new IterationAbortedError());
    });
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
      unsubscribe();
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            settle();
            reject(timeoutFailure(what, timeoutMs));
          }, timeoutMs);
    const unsubscribe = onAbort(signal, () => {
      settle();
      reject(new IterationAbortedError());
    });
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
