/** Requesting and approving subscriptions (RFC 6121 §3.1). */
import type { Element } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { arrives, record } from '../iq/exchange.js';
import { isRosterPush, pushAbout, subscriptionOf } from '../roster/roster-iq.js';
import { bareOf, fullOf, goOnline, isPresence, onlineUser, strangers, subscribe } from './subscription.js';

const NS_NICK = 'http://jabber.org/protocol/nick';

export const outboundSubscribe: CheckDefinition = {
  id: 'rfc6121.presence.subscribe-outbound',
  title: "An outbound subscribe is stamped with the user's bare JID and pushed with ask='subscribe'",
  area: 'presence',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '3.1.2' }],
  legacy: [{ doc: 'RFC 3921', section: '8' }],
  tags: ['presence', 'subscription'],
  needs: { accounts: 2 },
  timeoutMs: 40_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await strangers(ctx);
    await user.send(`<presence to='${bareOf(contact)}' type='subscribe'/>`);
    const request = await arrives(contact, isPresence('subscribe', bareOf(user)));
    if (!request) return { outcome: 'violation', reason: 'the contact never received the subscription request' };
    if (request.attrs.from !== bareOf(user)) return { outcome: 'violation', reason: `the request is stamped from='${request.attrs.from}', not the bare JID ${bareOf(user)}` };
    const pending = (item: Element) => item.attrs.ask === 'subscribe' && subscriptionOf(item) === 'none';
    if (!(await arrives(user, pushAbout(bareOf(contact), pending)))) return { outcome: 'violation', reason: "no roster push with ask='subscribe' and subscription='none' reached the user" };
    return { outcome: 'pass', reason: "request delivered from the bare JID; roster push ask='subscribe' subscription='none'" };
  },
};

export const offlineSubscribeStored: CheckDefinition = {
  id: 'rfc6121.presence.subscribe-offline-stored',
  title: 'A subscribe to an offline contact is kept with its extensions and delivered once at the next login',
  area: 'presence',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '3.1.3' }],
  legacy: [{ doc: 'RFC 3921', section: '8' }],
  tags: ['presence', 'subscription', 'offline'],
  needs: { accounts: 2 },
  timeoutMs: 40_000,
  async run(ctx) {
    const { session: user } = await onlineUser(ctx, 'desk');
    const absent = await ctx.account();
    const request = `<presence to='${absent.jid}' type='subscribe'><status>let me in</status><nick xmlns='${NS_NICK}'>Gauntlet</nick></presence>`;
    await user.send(request);
    await user.send(request);
    await ctx.barrier(user);
    const contact = await ctx.login(absent, { resource: 'later' });
    const requests = record(contact, isPresence('subscribe', bareOf(user)));
    await goOnline(ctx, contact);
    const delivered = await arrives(contact, isPresence('subscribe', bareOf(user)));
    await ctx.barrier(contact);
    requests.stop();
    if (!delivered) return { outcome: 'violation', reason: 'the stored subscription request was not delivered at the next login' };
    if (delivered.getChildText('nick', NS_NICK) !== 'Gauntlet') return { outcome: 'violation', reason: 'the stored request lost its <nick/> extension' };
    if (requests.seen.length > 1) return { outcome: 'violation', reason: `${requests.seen.length} copies of the request were delivered, not one` };
    return { outcome: 'pass', reason: 'one stored request delivered at login, extension kept' };
  },
};

export const autoReplySubscribed: CheckDefinition = {
  id: 'rfc6121.presence.subscribe-auto-reply',
  title: "A subscribe from an already-subscribed user is answered 'subscribed' by the contact's server, not passed to the contact",
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '3.1.3' },
    { doc: 'RFC 6121', section: '3.1.6' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '9' }],
  tags: ['presence', 'subscription'],
  needs: { accounts: 2 },
  timeoutMs: 40_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await strangers(ctx);
    await subscribe(user, contact);
    const requests = record(contact, isPresence('subscribe', bareOf(user)));
    await user.send(`<presence to='${bareOf(contact)}' type='subscribe'/>`);
    const reply = await arrives(user, isPresence('subscribed', bareOf(contact)));
    await ctx.barrier(contact);
    requests.stop();
    if (requests.seen.length) return { outcome: 'violation', reason: 'the repeated subscribe was delivered to the contact for approval instead of being answered by its server' };
    if (!reply)
      return { outcome: 'info', reason: "no automatic 'subscribed' reached the user (RFC 6121 §3.1.6 lets the user's server drop it when the subscription already exists)" };
    if (reply.attrs.from !== bareOf(contact)) return { outcome: 'violation', reason: `the automatic 'subscribed' came from '${reply.attrs.from}', not the contact's bare JID` };
    return { outcome: 'pass', reason: "the repeated subscribe was answered 'subscribed' from the contact's bare JID" };
  },
};

export const approval: CheckDefinition = {
  id: 'rfc6121.presence.approval',
  title: "Approval pushes 'from' and 'to', delivers 'subscribed' before the push, then the contact's presence",
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '3.1.5' },
    { doc: 'RFC 6121', section: '3.1.6' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '8' }],
  tags: ['presence', 'subscription'],
  needs: { accounts: 2 },
  timeoutMs: 40_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await strangers(ctx);
    await user.send(`<presence to='${bareOf(contact)}' type='subscribe'/>`);
    if (!(await arrives(contact, isPresence('subscribe', bareOf(user))))) throw new Error('setup: the subscription request was not delivered');
    const order = record(user, (s) => isPresence('subscribed', bareOf(contact))(s) || isRosterPush(s, bareOf(contact)));
    await contact.send(`<presence to='${bareOf(user)}' type='subscribed'/>`);
    if (!(await arrives(contact, pushAbout(bareOf(user), (item) => subscriptionOf(item) === 'from')))) return { outcome: 'violation', reason: "the approving contact got no roster push with subscription='from'" };
    if (!(await arrives(user, pushAbout(bareOf(contact), (item) => subscriptionOf(item) === 'to')))) return { outcome: 'violation', reason: "the user got no roster push with subscription='to'" };
    const subscribed = await arrives(user, isPresence('subscribed', bareOf(contact)));
    order.stop();
    if (!subscribed) return { outcome: 'violation', reason: "the user never received the 'subscribed' presence" };
    const push = order.seen.findIndex((s) => isRosterPush(s) && subscriptionOf(s.getChild('query')?.getChild('item')) === 'to');
    if (order.seen.indexOf(subscribed) > push) return { outcome: 'violation', reason: "'subscribed' reached the user after the roster push, not before" };
    if (!(await arrives(user, isPresence(undefined, fullOf(contact))))) return { outcome: 'violation', reason: "the user did not get the contact's current presence after approval" };
    return { outcome: 'pass', reason: "contact pushed 'from'; user got 'subscribed', then the 'to' push, then the contact's presence" };
  },
};

export const subscribeChecks: readonly CheckDefinition[] = [outboundSubscribe, offlineSubscribeStored, autoReplySubscribed, approval];
