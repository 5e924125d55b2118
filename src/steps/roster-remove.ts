/** `roster.remove`: delete a roster item (RFC 6121 §2.5), which also cancels subscriptions. */
import { bareJid } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';
import { rosterSetIq } from './roster.js';

export const run: StepRun<'roster.remove'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const jid = bareJid(ctx.render(step.jid));
  await bounded(session.iq(rosterSetIq({ jid, remove: true }), step.timeoutMs), { signal: ctx.signal });
  ctx.roster?.delete(jid);
};
