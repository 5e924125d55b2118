/**
 * The full JIDs of every session logged in right now, for `to: random-online`. Shared by all
 * users of a run. Full JIDs rather than bare: a server delivers to a connected resource even
 * before it has sent presence, while a bare-JID message to a user without presence goes offline.
 */
export class OnlineRegistry {
  /** Kept in an array with an index map, so a random pick is O(1) and copies nothing. */
  readonly #jids: string[] = [];
  readonly #index = new Map<string, number>();
  /** Called on every add; for `someoneElse`. */
  readonly #waiters = new Set<() => void>();

  add(jid: string): void {
    if (this.#index.has(jid)) return;
    this.#index.set(jid, this.#jids.length);
    this.#jids.push(jid);
    for (const wake of [...this.#waiters]) wake();
  }

  /**
   * A random online JID other than `self`, waiting (up to `timeoutMs`, or the signal) for one to
   * log in when nobody else is online yet; undefined when none came.
   */
  async someoneElse(self: string, random: () => number, timeoutMs: number, signal: AbortSignal): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const other = this.pickOther(self, random);
      if (other !== undefined || signal.aborted || Date.now() >= deadline) return other;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', wake);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        signal.addEventListener('abort', wake, { once: true });
        this.#waiters.add(wake);
      });
    }
  }

  remove(jid: string): void {
    const at = this.#index.get(jid);
    if (at === undefined) return;
    const last = this.#jids.pop() as string;
    if (last !== jid) {
      this.#jids[at] = last;
      this.#index.set(last, at);
    }
    this.#index.delete(jid);
  }

  get size(): number {
    return this.#jids.length;
  }

  /** A random online JID other than `self`, or undefined when there is none. */
  pickOther(self: string, random: () => number = Math.random): string | undefined {
    const selfAt = this.#index.get(self);
    const others = selfAt === undefined ? this.#jids.length : this.#jids.length - 1;
    if (others <= 0) return undefined;
    let pick = Math.floor(random() * others);
    if (selfAt !== undefined && pick >= selfAt) pick += 1;
    return this.#jids[pick];
  }
}
