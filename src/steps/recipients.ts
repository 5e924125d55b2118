/**
 * Where `to:` points (message, subscribe): `self` (this session's full JID), `random-online`
 * (the full JID of another session logged in now), `contact` (a random roster contact; the
 * roster is fetched first if this session has not yet), or a JID template; a template without
 * `@` names a user of the sender's domain (`user{n}` → `user7@domain`).
 */
import type { StepContext, StepOf } from './context.js';
import { StepFailure } from './failures.js';
import { counterpartOf, requirePeers } from './peers.js';
import { fetchRoster } from './roster-get.js';

export type Recipient = StepOf<'message'>['to'];

export async function resolveRecipient(ctx: StepContext, to: Recipient, timeoutMs: number): Promise<string> {
  const session = ctx.requireSession();
  if (to === 'self') return session.jid.toString();
  if (to === 'random-online') {
    const other = ctx.run.online.pickOther(session.jid.toString(), ctx.run.random);
    if (other === undefined) throw new StepFailure('step', 'no-recipient', 'no other user is online for to: random-online');
    return other;
  }
  if (to === 'contact') {
    if (!ctx.roster) await fetchRoster(ctx, session, timeoutMs);
    const contacts = [...(ctx.roster?.keys() ?? [])];
    if (contacts.length === 0) throw new StepFailure('step', 'no-contact', 'the roster is empty for to: contact');
    return contacts[Math.floor(ctx.run.random() * contacts.length)] as string;
  }
  if (to === 'peer') return counterpartOf(requirePeers(ctx), ctx.user);
  const jid = ctx.render(to.jid);
  return jid.includes('@') ? jid : `${jid}@${ctx.user.domain}`;
}
