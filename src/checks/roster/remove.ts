/** Removing roster items (RFC 6121 §2.5.2): the push, and the subscriptions it cancels. */
import type { CheckDefinition } from '../types.js';
import { arrives, describeReply, missingArrivals } from '../iq/exchange.js';
import { bareOf, friends, fullOf, isPresence } from '../presence/subscription.js';
import { addItem, findItem, itemXml, newContactJid, pushAbout, rosterGet, rosterSet, subscriptionOf } from './roster-iq.js';
import { interestedPair } from './get-set.js';

export const removePush: CheckDefinition = {
  id: 'rfc6121.roster.remove-push',
  title: "Removing an item deletes it and pushes subscription='remove' to every interested resource",
  area: 'roster',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '2.5.2' }],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster', 'push'],
  needs: { accounts: 1 },
  timeoutMs: 40_000,
  async run(ctx) {
    const [one, two] = await interestedPair(ctx);
    const contact = newContactJid(ctx.target.domain);
    await addItem(one, { jid: contact, name: 'Temp' });
    const removed = await rosterSet(one, itemXml({ jid: contact, subscription: 'remove' }));
    if (removed?.attrs.type !== 'result') return { outcome: 'violation', reason: `remove → ${describeReply(removed)}, expected a result` };
    for (const [label, session] of [['one (the sender)', one], ['two', two]] as const) {
      const push = await arrives(session, pushAbout(contact, (item) => item.attrs.subscription === 'remove'));
      if (!push) return { outcome: 'violation', reason: `no subscription='remove' push reached resource ${label}` };
    }
    if (findItem(await rosterGet(one), contact)) return { outcome: 'violation', reason: 'the removed item is still listed by a roster get' };
    return { outcome: 'pass', reason: "result, subscription='remove' pushed to both resources, the item is gone" };
  },
};

export const removeCancelsSubscriptions: CheckDefinition = {
  id: 'rfc6121.roster.remove-cancels-subscriptions',
  title: 'Removing a mutual contact sends it unsubscribe, unsubscribed and unavailable',
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.5.2' },
    { doc: 'RFC 6121', section: '3.2.2' },
    { doc: 'RFC 6121', section: '3.3.3' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '8' }],
  tags: ['roster', 'subscription'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await friends(ctx);
    const removed = await rosterSet(user, itemXml({ jid: bareOf(contact), subscription: 'remove' }));
    if (removed?.attrs.type !== 'result') return { outcome: 'violation', reason: `remove → ${describeReply(removed)}, expected a result` };
    const missing = await missingArrivals([
      ["presence type='unsubscribe' from the user's bare JID", contact, isPresence('unsubscribe', bareOf(user))],
      ["presence type='unsubscribed' from the user's bare JID", contact, isPresence('unsubscribed', bareOf(user))],
      ["unavailable presence from the user's resource", contact, isPresence('unavailable', fullOf(user))],
      ["a roster push showing subscription='none'", contact, pushAbout(bareOf(user), (item) => subscriptionOf(item) === 'none')],
    ]);
    if (missing.length) return { outcome: 'violation', reason: `the removed contact did not get: ${missing.join('; ')}` };
    return { outcome: 'pass', reason: "the contact got unsubscribe, unsubscribed, unavailable and a push to 'none'" };
  },
};

export const removeChecks: readonly CheckDefinition[] = [removePush, removeCancelsSubscriptions];
