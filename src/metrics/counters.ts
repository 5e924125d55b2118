/** Called before every change so the owner can close elapsed seconds first. */
export type BeforeRecord = () => void;

/** A monotonically increasing count, e.g. `stanzas_sent{kind=message}`. */
export class Counter {
  total = 0;
  /** Increments in the current second of the series. */
  inSecond = 0;

  constructor(private readonly beforeRecord: BeforeRecord) {}

  add(by = 1): void {
    this.beforeRecord();
    this.total += by;
    this.inSecond += by;
  }
}

/** A value that goes up and down, e.g. `live_users`. Starts at 0. */
export class Gauge {
  value = 0;
  max = 0;

  constructor(private readonly beforeRecord: BeforeRecord) {}

  set(value: number): void {
    this.beforeRecord();
    this.value = value;
    if (value > this.max) this.max = value;
  }

  add(delta: number): void {
    this.set(this.value + delta);
  }
}
