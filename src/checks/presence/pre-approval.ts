/** Subscription pre-approval (RFC 6121 §3.4): optional, but binding once advertised. */
import type { Element } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { arrives, record } from '../iq/exchange.js';
import { pushAbout } from '../roster/roster-iq.js';
import { featuresAfterAuth, NS_PREAPPROVAL, offers } from '../roster/stream-features.js';
import { bareOf, isPresence, loginOnline, onlineUser } from './subscription.js';

interface PreApprovalRun {
  /** The roster push that followed the user's 'subscribed' to a stranger. */
  push: Element;
  routedEarly: boolean;
  autoApproved: boolean;
  requestDelivered: boolean;
}

const NOT_ADVERTISED: CheckOutcome = { outcome: 'skip', reason: 'pre-approval (urn:xmpp:features:pre-approval) is not advertised' };

/**
 * Pre-approves a contact, then lets the contact subscribe; the outcome that ends the check
 * instead when pre-approval is not advertised or no roster push followed it.
 */
async function preApprove(ctx: CheckContext): Promise<{ run: PreApprovalRun } | { stop: CheckOutcome }> {
  const account = await ctx.account();
  if (!offers(await featuresAfterAuth(ctx, account), 'sub', NS_PREAPPROVAL)) return { stop: NOT_ADVERTISED };
  const user = await loginOnline(ctx, account, 'desk');
  const { session: contact } = await onlineUser(ctx, 'phone');
  const early = record(contact, isPresence('subscribed', bareOf(user)));
  await user.send(`<presence to='${bareOf(contact)}' type='subscribed'/>`);
  const push = await arrives(user, pushAbout(bareOf(contact)));
  await ctx.barrier(user);
  await ctx.barrier(contact);
  early.stop();
  const requests = record(user, isPresence('subscribe', bareOf(contact)));
  await contact.send(`<presence to='${bareOf(user)}' type='subscribe'/>`);
  const approved = await arrives(contact, isPresence('subscribed', bareOf(user)));
  await ctx.barrier(contact);
  await ctx.barrier(user);
  requests.stop();
  if (!push) return { stop: { outcome: 'violation', reason: 'no roster push followed the pre-approval' } };
  return { run: { push, routedEarly: early.seen.length > 0, autoApproved: approved !== undefined, requestDelivered: requests.seen.length > 0 } };
}

export const preApproval: CheckDefinition = {
  id: 'rfc6121.presence.pre-approval',
  title: "When pre-approval is advertised, an early 'subscribed' is kept, not routed, and approves the later request",
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '3.4' },
    { doc: 'RFC 6121', section: '3.4.2' },
  ],
  tags: ['presence', 'subscription', 'raw'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const attempt = await preApprove(ctx);
    if ('stop' in attempt) return attempt.stop;
    const { run } = attempt;
    if (run.routedEarly) return { outcome: 'violation', reason: "the pre-approval 'subscribed' was routed to the contact" };
    if (!run.autoApproved) return { outcome: 'violation', reason: "the contact's later subscribe was not answered 'subscribed' automatically" };
    if (run.requestDelivered) return { outcome: 'violation', reason: 'the pre-approved subscribe was still delivered to the user' };
    return { outcome: 'pass', reason: 'pre-approval pushed, nothing routed early, the later subscribe approved automatically' };
  },
};

export const approvedAttribute: CheckDefinition = {
  id: 'rfc6121.roster.approved-attribute',
  title: "A pre-approval shows as approved='true' on the roster item",
  area: 'roster',
  level: 'SHOULD',
  spec: [
    { doc: 'RFC 6121', section: '2.1.2.1' },
    { doc: 'RFC 6121', section: '3.4.2' },
  ],
  tags: ['roster', 'subscription', 'raw'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const attempt = await preApprove(ctx);
    if ('stop' in attempt) return attempt.stop;
    const { run } = attempt;
    if (run.push.getChild('query')?.getChild('item')?.attrs.approved !== 'true') return { outcome: 'violation', reason: `the pre-approval push shows ${run.push.getChild('query')?.getChild('item')?.toString()} without approved='true'` };
    return { outcome: 'pass', reason: "the pre-approval push carries approved='true'" };
  },
};

export const preApprovalChecks: readonly CheckDefinition[] = [preApproval, approvedAttribute];
