/**
 * Every message a user of this run sends to another user's full JID is owed to that session
 * until it arrives, bounces, or the session closes with it still on its way. A user leaving
 * cleanly first leaves `random-online`, then waits (bounded) for what it is owed, so a graceful
 * close loses nothing; what it still awaited when it closed is counted as in flight, not lost.
 * Messages to bare JIDs are not tracked: the server picks the resource.
 */
import { COUNTERS, type MetricsRegistry } from '../metrics/index.js';
import { onAbort } from './abortable.js';

export class Deliveries {
  /** Full JID → messages sent to it and not yet arrived. */
  readonly #owed = new Map<string, number>();
  /** Full JID → wakes the user waiting in `drain`. */
  readonly #drained = new Map<string, () => void>();

  constructor(private readonly metrics: MetricsRegistry) {}

  sent(to: string): void {
    if (!to.includes('/')) return;
    this.#owed.set(to, (this.#owed.get(to) ?? 0) + 1);
  }

  /** A message of this run reached `jid` (true), or came back from it as an error (false). */
  settled(jid: string, delivered: boolean): void {
    const owed = this.#owed.get(jid);
    if (owed === undefined) return;
    if (!delivered) this.metrics.increment(COUNTERS.messagesBounced);
    if (owed > 1) return void this.#owed.set(jid, owed - 1);
    this.#owed.delete(jid);
    this.#drained.get(jid)?.();
  }

  /** Resolves when nothing more is owed to `jid`, after `timeoutMs` at most, or on abort. */
  drain(jid: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (!this.#owed.has(jid) || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        this.#drained.delete(jid);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = onAbort(signal, done);
      this.#drained.set(jid, done);
    });
  }

  /** The session of `jid` closed: what it was still owed was in flight. */
  closed(jid: string): void {
    const owed = this.#owed.get(jid);
    if (owed === undefined) return;
    this.#owed.delete(jid);
    this.metrics.increment(COUNTERS.messagesInFlightAtClose, {}, owed);
  }
}
