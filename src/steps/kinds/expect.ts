import { compilePattern } from '../../xmpp/index.js';
import { raceAbort } from '../abortable.js';
import type { StepRun } from './step.js';

/** Waits for a stanza matching the pattern (also one that arrived before this step started). */
export const expect: StepRun<'expect'> = async (ctx, step) => {
  const pattern = compilePattern(ctx.render(step.stanza));
  await raceAbort(ctx.requireSession().waitFor(pattern, step.timeoutMs), ctx.signal);
};
