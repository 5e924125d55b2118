/**
 * `--limit name=value` (repeatable) on the commands that talk to servers: overrides one bound of
 * src/xmpp/limits.ts for this process before the command runs (docs/limits.md).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { configureLimits, parseLimit, type StreamLimits } from '../xmpp/index.js';

function collectLimit(text: string, previous: Partial<StreamLimits> = {}): Partial<StreamLimits> {
  try {
    return { ...previous, ...parseLimit(text) };
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function addLimitOption(command: Command): Command {
  return command
    .option('--limit <name=value>', 'override a bound on what a server may send (repeatable; docs/limits.md), e.g. maxElementBytes=1m', collectLimit)
    .hook('preAction', (_program, action) => configureLimits((action.opts() as { limit?: Partial<StreamLimits> }).limit ?? {}));
}
