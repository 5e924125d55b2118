/** `roster.set`: add or update a roster item (RFC 6121 §2.3). */
import { bareJid } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';
import { rosterSetIq } from './roster.js';

export const run: StepRun<'roster.set'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const item = {
    jid: bareJid(ctx.render(step.jid)),
    name: step.name === undefined ? undefined : ctx.render(step.name),
    groups: step.groups.map((group) => ctx.render(group)),
  };
  await bounded(session.iq(rosterSetIq(item), step.timeoutMs), { signal: ctx.signal });
  // The push that follows carries the server's view (subscription state); until then, ours.
  if (ctx.roster && !ctx.roster.has(item.jid)) ctx.roster.set(item.jid, { ...item, subscription: 'none' });
};
