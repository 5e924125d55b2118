/** Who is logged in right now, for `to: random-online`. Shared by every user of a run. */
export class OnlineRegistry {
  readonly #jids = new Map<string, string>();
  /** Usernames in insertion order with O(1) removal, so a random pick does not copy the map. */
  readonly #names: string[] = [];
  readonly #index = new Map<string, number>();

  /** Marks `username` online, reachable at `fullJid`. */
  add(username: string, fullJid: string): void {
    this.#jids.set(username, fullJid);
    if (this.#index.has(username)) return;
    this.#index.set(username, this.#names.length);
    this.#names.push(username);
  }

  remove(username: string): void {
    const at = this.#index.get(username);
    if (at === undefined) return;
    const last = this.#names.pop() as string;
    if (last !== username) {
      this.#names[at] = last;
      this.#index.set(last, at);
    }
    this.#index.delete(username);
    this.#jids.delete(username);
  }

  get size(): number {
    return this.#names.length;
  }

  /** The full JID of a random online user other than `self`, or undefined when there is none. */
  pickOther(self: string, random: () => number = Math.random): string | undefined {
    const others = this.#index.has(self) ? this.#names.length - 1 : this.#names.length;
    if (others <= 0) return undefined;
    let pick = Math.floor(random() * others);
    const selfAt = this.#index.get(self);
    if (selfAt !== undefined && pick >= selfAt) pick += 1;
    return this.#jids.get(this.#names[pick] as string);
  }
}
