/** Cancelling and unsubscribing (RFC 6121 §3.2, §3.3) and stanzas the state machine must ignore (Appendix A). */
import type { Session } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { arrives, bare, missingArrivals, record } from '../iq/exchange.js';
import { isRosterPush, pushAbout, subscriptionOf } from '../roster/roster-iq.js';
import { bareOf, befriend, friends, fullOf, isPresence, strangers } from './subscription.js';

const pushTo = (contact: Session, state: string) => pushAbout(bareOf(contact), (item) => subscriptionOf(item) === state);

export const unsubscribedCancels: CheckDefinition = {
  id: 'rfc6121.presence.unsubscribed-cancels',
  title: "Cancelling a granted subscription sends unavailable, then 'unsubscribed', and pushes both rosters",
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '3.2.2' },
    { doc: 'RFC 6121', section: '3.2.3' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '8' }],
  tags: ['presence', 'subscription'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await friends(ctx);
    const order = record(user, (s) => s.name === 'presence' && bare(s.attrs.from) === bareOf(contact));
    await contact.send(`<presence to='${bareOf(user)}' type='unsubscribed'/>`);
    if (!(await arrives(contact, pushTo(user, 'to')))) return { outcome: 'violation', reason: "the cancelling contact got no roster push with subscription='to'" };
    if (!(await arrives(user, pushTo(contact, 'from')))) return { outcome: 'violation', reason: "the user got no roster push with subscription='from'" };
    const gone = await arrives(user, isPresence('unavailable', fullOf(contact)));
    const cancelled = await arrives(user, isPresence('unsubscribed', bareOf(contact)));
    order.stop();
    if (!gone) return { outcome: 'violation', reason: "the user got no unavailable presence from the contact's resource" };
    if (!cancelled) return { outcome: 'violation', reason: "the user never received the 'unsubscribed'" };
    if (order.seen.indexOf(gone) > order.seen.indexOf(cancelled)) return { outcome: 'violation', reason: "unavailable arrived after 'unsubscribed', not before" };
    return { outcome: 'pass', reason: "user: unavailable, then 'unsubscribed', push 'from'; contact: push 'to'" };
  },
};

export const unsubscribe: CheckDefinition = {
  id: 'rfc6121.presence.unsubscribe',
  title: "Unsubscribing pushes both rosters, delivers 'unsubscribe' and brings the contact's unavailable presence",
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '3.3.2' },
    { doc: 'RFC 6121', section: '3.3.3' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '8' }],
  tags: ['presence', 'subscription'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await friends(ctx);
    await user.send(`<presence to='${bareOf(contact)}' type='unsubscribe'/>`);
    const missing = await missingArrivals([
      ["a roster push 'from' to the user", user, pushTo(contact, 'from')],
      ["the 'unsubscribe' to the contact", contact, isPresence('unsubscribe', bareOf(user))],
      ["a roster push 'to' to the contact", contact, pushTo(user, 'to')],
      ["unavailable from the contact's resource to the user", user, isPresence('unavailable', fullOf(contact))],
    ]);
    if (missing.length) return { outcome: 'violation', reason: `missing: ${missing.join('; ')}` };
    return { outcome: 'pass', reason: "pushes 'from'/'to', 'unsubscribe' delivered, unavailable sent to the user" };
  },
};

export const stateTableIgnored: CheckDefinition = {
  id: 'rfc6121.presence.state-table-ignored',
  title: 'Inbound subscription stanzas that change no state are neither delivered nor pushed (reduced state table)',
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: 'A.3.2' },
    { doc: 'RFC 6121', section: 'A.3.3' },
    { doc: 'RFC 6121', section: 'A.3.4' },
    { doc: 'RFC 6121', section: '3.1.6' },
    { doc: 'RFC 6121', section: '3.2.3' },
    { doc: 'RFC 6121', section: '3.3.3' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '9' }],
  tags: ['presence', 'subscription', 'negative'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ session: sender }, { session: receiver }] = await strangers(ctx);
    const leaked: string[] = [];
    const rows: string[] = [];
    const probeRow = async (state: string, type: string) => {
      rows.push(`${state}+${type}`);
      const seen = record(receiver, (s) => (s.name === 'presence' && s.attrs.type === type) || isRosterPush(s, bareOf(sender)));
      await sender.send(`<presence to='${bareOf(receiver)}' type='${type}'/>`);
      await ctx.barrier(sender);
      await ctx.barrier(receiver);
      seen.stop();
      const effects = seen.seen.map((s) => (s.name === 'iq' ? 'a roster push' : `presence ${s.attrs.type}`));
      if (effects.length) leaked.push(`${state} + inbound '${type}' → ${effects.join(', ')}`);
    };
    for (const type of ['subscribed', 'unsubscribed', 'unsubscribe']) await probeRow('None', type);
    await befriend(sender, receiver);
    await ctx.barrier(receiver);
    await probeRow('Both', 'subscribed');
    if (leaked.length) return { outcome: 'violation', reason: `stanzas that must be ignored had effects: ${leaked.join('; ')}` };
    return { outcome: 'pass', reason: `${rows.join(', ')}: nothing delivered, no roster push` };
  },
};

export const cancelChecks: readonly CheckDefinition[] = [unsubscribedCancels, unsubscribe, stateTableIgnored];
