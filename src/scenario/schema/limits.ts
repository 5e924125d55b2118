/** `options.limits` — bounds on what the server may send, overriding src/xmpp/limits.ts (docs/limits.md). */
import { Type, type TOptional, type TUnion, type TInteger, type TString } from '@sinclair/typebox';
import { DEFAULT_LIMITS, LIMIT_VALUE_PATTERN, parseLimitValue, type StreamLimits } from '../../xmpp/limits.js';
import { Decoded, Strict, withExplainer } from './base.js';

/** `maxElementBytes` → `max_element_bytes`, the scenario's spelling. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const BY_SCENARIO_NAME = new Map(Object.keys(DEFAULT_LIMITS).map((name) => [snakeCase(name), name as keyof StreamLimits]));

function limitValue(fallback: number) {
  const text = withExplainer(Type.String({ pattern: LIMIT_VALUE_PATTERN }), (value) => ({
    message: `wants a positive whole number, not "${String(value)}"`,
    hint: 'sizes may end in k or m (KiB, MiB): 512k, 1m',
  }));
  return Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), text], { description: `default ${fallback}` }));
}

const properties: Record<string, TOptional<TUnion<[TInteger, TString]>>> = Object.fromEntries(
  [...BY_SCENARIO_NAME].map(([scenarioName, name]) => [scenarioName, limitValue(DEFAULT_LIMITS[name])]),
);

export const LimitsSchema = Decoded(
  Strict(properties, { description: 'Bounds on what the server may send or make gauntlet wait for (docs/limits.md); `--limit` on the command line wins' }),
  (input): Partial<StreamLimits> =>
    Object.fromEntries(Object.entries(input).map(([scenarioName, value]) => [BY_SCENARIO_NAME.get(scenarioName)!, parseLimitValue(scenarioName, value as string | number)])),
);
