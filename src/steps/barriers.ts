/**
 * Named rendezvous points for the `wait` step. A barrier opens when every user currently inside
 * an iteration has arrived at it; it is checked again whenever a user leaves (`reevaluate`), so a
 * user that failed or finished early does not hold the others forever. After opening, the same
 * name can be used again (the next iteration's users start a fresh round).
 */
import { IterationAbortedError, onAbort } from './abortable.js';
import { timeoutFailure } from './failures.js';

interface Waiter {
  release(): void;
}

export interface ArriveOptions {
  signal: AbortSignal;
  timeoutMs?: number;
}

export class Barriers {
  readonly #liveUsers: () => number;
  readonly #waiting = new Map<string, Set<Waiter>>();

  /** `liveUsers` counts the users a barrier must wait for (usually FlowRunner.liveUsers). */
  constructor(liveUsers: () => number) {
    this.#liveUsers = liveUsers;
  }

  /** Resolves when the barrier opens; rejects on timeout (StepFailure) or abort. */
  arrive(name: string, options: ArriveOptions): Promise<void> {
    if (options.signal.aborted) return Promise.reject(new IterationAbortedError());
    return new Promise<void>((resolve, reject) => {
      const waiters = this.#waiting.get(name) ?? new Set<Waiter>();
      this.#waiting.set(name, waiters);
      const leave = (): void => {
        waiters.delete(waiter);
        if (waiters.size === 0 && this.#waiting.get(name) === waiters) this.#waiting.delete(name);
        clearTimeout(timer);
        unsubscribe();
      };
      const waiter: Waiter = {
        release: () => {
          leave();
          resolve();
        },
      };
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              leave();
              reject(timeoutFailure(`barrier "${name}"`, options.timeoutMs as number));
            }, options.timeoutMs);
      const unsubscribe = onAbort(options.signal, () => {
        leave();
        reject(new IterationAbortedError());
      });
      waiters.add(waiter);
      // Checked on the next turn: users started in the same turn as this one all count as live
      // by then, so the first of them does not pass a barrier meant for all.
      setImmediate(() => this.#check(name));
    });
  }

  /** How many users wait at `name` right now. */
  waitingAt(name: string): number {
    return this.#waiting.get(name)?.size ?? 0;
  }

  /** Opens every barrier that all live users have now reached (call after a user leaves). */
  reevaluate(): void {
    for (const name of [...this.#waiting.keys()]) this.#check(name);
  }

  #check(name: string): void {
    const waiters = this.#waiting.get(name);
    if (!waiters || waiters.size < this.#liveUsers()) return;
    this.#waiting.delete(name);
    for (const waiter of [...waiters]) waiter.release();
  }
}
