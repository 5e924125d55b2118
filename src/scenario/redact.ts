/** A copy of a scenario safe to print or store in results: every secret becomes '***'. */
import { REDACTED, Secret } from './secret.js';
import type { Scenario } from './types.js';

export type Redacted<T> = T extends Secret
  ? typeof REDACTED
  : T extends readonly (infer Item)[]
    ? Redacted<Item>[]
    : T extends object
      ? { [K in keyof T]: Redacted<T[K]> }
      : T;

function redact(value: unknown): unknown {
  if (value instanceof Secret) return REDACTED;
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, redact(child)]));
  }
  return value;
}

export function redactScenario(scenario: Scenario): Redacted<Scenario> {
  return redact(scenario) as Redacted<Scenario>;
}
