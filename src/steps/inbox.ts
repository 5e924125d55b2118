/**
 * A user's recent incoming stanzas that nobody has claimed yet, so `expect` also sees what
 * arrived before it started waiting. Bounded: when full, the oldest stanza is dropped (and
 * counted). A stanza that a pending waiter matches goes straight to that waiter, not the buffer.
 */
import { IterationAbortedError } from './abortable.js';
import { timeoutFailure } from './failures.js';

interface PendingTake<T> {
  matches(item: T): boolean;
  deliver(item: T): void;
}

export interface TakeOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** For the timeout message. */
  description: string;
}

export class Inbox<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  readonly #pending = new Set<PendingTake<T>>();
  #dropped = 0;

  constructor(capacity = 256) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Stanzas pushed out of the full buffer since creation. */
  get dropped(): number {
    return this.#dropped;
  }

  push(item: T): void {
    for (const pending of this.#pending) {
      if (pending.matches(item)) {
        pending.deliver(item);
        return;
      }
    }
    this.#items.push(item);
    if (this.#items.length > this.#capacity) {
      this.#items.shift();
      this.#dropped += 1;
    }
  }

  /** Removes and returns the oldest buffered item that matches, if any. */
  takeBuffered(matches: (item: T) => boolean): T | undefined {
    const at = this.#items.findIndex(matches);
    if (at < 0) return undefined;
    return this.#items.splice(at, 1)[0];
  }

  /** The oldest matching buffered item, or the next matching one to arrive. */
  take(matches: (item: T) => boolean, options: TakeOptions): Promise<T> {
    const buffered = this.takeBuffered(matches);
    if (buffered !== undefined) return Promise.resolve(buffered);
    if (options.signal.aborted) return Promise.reject(new IterationAbortedError());
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        this.#pending.delete(pending);
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
      };
      const pending: PendingTake<T> = {
        matches,
        deliver: (item) => {
          finish();
          resolve(item);
        },
      };
      const onAbort = (): void => {
        finish();
        reject(new IterationAbortedError());
      };
      const timer = setTimeout(() => {
        finish();
        reject(timeoutFailure(options.description, options.timeoutMs));
      }, options.timeoutMs);
      options.signal.addEventListener('abort', onAbort, { once: true });
      this.#pending.add(pending);
    });
  }

  /** Forgets buffered items (end of an iteration). Pending takes are left alone. */
  clear(): void {
    this.#items.length = 0;
  }
}
