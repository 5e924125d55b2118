/**
 * User slots (indexes into the run's accounts). A slot goes back to the pool only when its user
 * has finished, so two iterations never share an account at once; freed slots are reused first.
 */
export class SlotPool {
  private readonly free: number[] = [];
  private issued = 0;

  constructor(private readonly limit = Infinity) {}

  /** A free slot, or undefined when `limit` slots are in use. */
  take(): number | undefined {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    return this.issued < this.limit ? this.issued++ : undefined;
  }

  release(slot: number): void {
    this.free.push(slot);
  }
}
