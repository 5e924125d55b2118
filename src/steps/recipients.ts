/**
 * Where `to:` points (message, subscribe): `self` (this session's full JID), `random-online`
 * (the full JID of another session logged in now), `contact` (a random roster contact; the
 * roster is fetched first if this session has not yet), or a JID template; a template without
 * `@` names a user of the sender's domain (`user{n}` → `user7@domain`).
 */
import { COUNTERS } from '../metrics/index.js';
import type { StepContext, StepOf } from './context.js';
import { StepFailure } from './failures.js';
import { counterpartOf, requirePeers } from './peers.js';
import { fetchRoster } from './roster-get.js';

export type Recipient = StepOf<'message'>['to'];

export async function resolveRecipient(ctx: StepContext, to: Recipient, timeoutMs: number): Promise<string> {
  const session = ctx.requireSession();
  if (to === 'self') return session.jid.toString();
  if (to === 'random-online') {
    const self = session.jid.toString();
    const other = ctx.run.online.pickOther(self, ctx.run.random);
    if (other !== undefined) return other;
    // The first users of a ramp are alone for a while: wait for company (counted) rather than fail.
    ctx.run.metrics.increment(COUNTERS.recipientWaits);
    const late = await ctx.run.online.someoneElse(self, ctx.run.random, timeoutMs, ctx.signal);
    if (late === undefined) throw new StepFailure('step', 'no-recipient', `no other user came online within ${timeoutMs} ms for to: random-online`);
    return late;
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
