/**
 * `expect`: wait for a stanza matching a pattern (scansion-like, see src/xmpp/match.ts). The
 * session keeps recent unclaimed stanzas, so one that arrived before the step is found too;
 * a matched stanza is consumed and will not match a later `expect`.
 */
import { compilePattern, parseXml, type Element } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';
import { StepFailure } from './failures.js';

function patternOf(template: string, rendered: string): Element {
  try {
    // Only constant patterns are cached: rendered ones (with {seq}) would grow the cache forever.
    return rendered === template ? compilePattern(rendered) : parseXml(rendered);
  } catch (error) {
    throw new StepFailure('step', 'bad-pattern', `expect: not a stanza pattern: ${(error as Error).message}`, { cause: error });
  }
}

export const run: StepRun<'expect'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const pattern = patternOf(step.stanza, ctx.render(step.stanza));
  await bounded(session.waitFor(pattern, step.timeoutMs), { signal: ctx.signal });
};
