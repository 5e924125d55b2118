/**
 * A value that must never reach logs or results (passwords). Printing, string conversion and
 * JSON serialisation all give '***'; the engine calls `reveal()` where the value is really needed.
 */
import { inspect } from 'node:util';

export const REDACTED = '***';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}
