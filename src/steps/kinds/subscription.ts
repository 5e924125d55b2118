import { COUNTERS } from '../../metrics/index.js';
import { bareJid, xml, type Element } from '../../xmpp/index.js';
import { raceAbort } from '../abortable.js';
import { resolveRecipient } from '../recipient.js';
import type { StepRun } from './step.js';

/** RFC 6121 §3.1.1: ask to see a contact's presence. */
export const subscribe: StepRun<'subscribe'> = async (ctx, step) => {
  const to = bareJid(resolveRecipient(ctx, step.to));
  await ctx.requireSession().send(xml('presence', { to, type: 'subscribe' }));
  ctx.shared.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence' });
};

/** RFC 6121 §3.1.4: wait for a subscription request (from anyone, or `from`) and approve it. */
export const approve: StepRun<'approve'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const from = step.from === undefined ? undefined : bareJid(ctx.render(step.from));
  const isRequest = (stanza: Element) =>
    stanza.name === 'presence' && stanza.attrs.type === 'subscribe' && (from === undefined || bareJid(stanza.attrs.from ?? '') === from);
  const request = await raceAbort(session.waitFor(isRequest, step.timeoutMs), ctx.signal);
  const requester = bareJid(request.attrs.from!);
  await session.send(xml('presence', { to: requester, type: 'subscribed' }));
  ctx.shared.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence' });
  ctx.roster.add(requester);
};
