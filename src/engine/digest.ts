import { createHash } from 'node:crypto';
import { redactScenario, type Scenario } from '../scenario/index.js';

/** Where a run's output goes and how loud it is: not part of what the test is. */
const NOT_THE_TEST = { top: ['file'], options: ['out', 'quiet'] } as const;

/** JSON with object keys sorted at every level, so equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A stable hash of the frozen scenario (secrets already replaced, so none is hashed): shards
 * whose digests differ ran different tests and must not be merged.
 */
export function scenarioDigest(scenario: Scenario): string {
  const { ...copy } = redactScenario(scenario) as Record<string, unknown>;
  for (const key of NOT_THE_TEST.top) delete copy[key];
  if (copy.options && typeof copy.options === 'object') {
    const options = { ...(copy.options as Record<string, unknown>) };
    for (const key of NOT_THE_TEST.options) delete options[key];
    copy.options = options;
  }
  return `sha256:${createHash('sha256').update(canonicalJson(copy), 'utf8').digest('hex')}`;
}
