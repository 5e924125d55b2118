import { GauntletError } from '../util/errors.js';

export const ENV_OPTION_HELP = 'set NAME for ${env:NAME} in the scenario (repeatable; overrides the environment)';

/** Commander collector for a repeatable `-e NAME=VALUE`. */
export function collectEnv(pair: string, pairs: string[] = []): string[] {
  return [...pairs, pair];
}

/** The process environment with the `-e NAME=VALUE` pairs on top. */
export function scenarioEnvironment(pairs: readonly string[] = [], base: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const pair of pairs) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(pair);
    if (!match) throw new GauntletError('usage', `-e ${pair} is not NAME=VALUE`, { hint: 'e.g. -e LOAD_PASSWORD=secret (the scenario reads it as ${env:LOAD_PASSWORD})' });
    env[match[1]!] = match[2]!;
  }
  return env;
}
