/** Invalid roster sets (RFC 6121 §2.1.2, §2.3.3, §2.5.3): refused with the defined condition, never stored. */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import type { Session } from '../../xmpp/index.js';
import { describeReply, stanzaError } from '../iq/exchange.js';
import { findItem, itemXml, newContactJid, rosterGet, rosterSet, subscriptionOf } from './roster-iq.js';

/** Sends each invalid set and expects `condition`; the item must not appear in the roster afterwards. */
async function expectRefused(session: Session, condition: string, cases: Record<string, { items: string; jid: string; to?: string }>): Promise<CheckOutcome> {
  const seen: string[] = [];
  for (const [what, { items, jid, to }] of Object.entries(cases)) {
    const reply = await rosterSet(session, items, to);
    if (stanzaError(reply)?.condition !== condition) return { outcome: 'violation', reason: `${what} → ${describeReply(reply)}, expected error <${condition}/>` };
    if (!to && findItem(await rosterGet(session), jid)) return { outcome: 'violation', reason: `${what} was refused but the item was stored anyway` };
    seen.push(what);
  }
  return { outcome: 'pass', reason: `${seen.join(', ')} → error <${condition}/>, nothing stored` };
}

export const setBadRequest: CheckDefinition = {
  id: 'rfc6121.roster.set-bad-request',
  title: 'A roster set with two items or duplicate groups gets bad-request',
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.1.5' },
    { doc: 'RFC 6121', section: '2.3.3' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const [a, b, c] = [newContactJid(ctx.target.domain), newContactJid(ctx.target.domain), newContactJid(ctx.target.domain)];
    return expectRefused(session, 'bad-request', {
      'two items': { items: itemXml({ jid: a }) + itemXml({ jid: b }), jid: a },
      'duplicate groups': { items: itemXml({ jid: c, groups: ['Pals', 'Pals'] }), jid: c },
    });
  },
};

export const setEmptyGroup: CheckDefinition = {
  id: 'rfc6121.roster.set-empty-group',
  title: 'A roster set with an empty <group/> gets not-acceptable',
  area: 'roster',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '2.3.3' }],
  tags: ['roster', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const jid = newContactJid(ctx.target.domain);
    return expectRefused(session, 'not-acceptable', { 'an empty group': { items: `<item jid='${jid}'><group></group></item>`, jid } });
  },
};

export const setOtherUser: CheckDefinition = {
  id: 'rfc6121.roster.set-other-user-forbidden',
  title: "A roster set addressed to another user's roster gets forbidden",
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.1.5' },
    { doc: 'RFC 6121', section: '2.3.3' },
  ],
  tags: ['roster', 'negative', 'security'],
  needs: { accounts: 2 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const victim = await ctx.account();
    const jid = newContactJid(ctx.target.domain);
    const outcome = await expectRefused(session, 'forbidden', { "a set with to='<other user>'": { items: itemXml({ jid }), jid, to: victim.jid } });
    // Whatever the answer, neither roster may have changed: the sender's own (a misrouted set) nor the other user's.
    if (findItem(await rosterGet(session), jid)) return { outcome: 'violation', reason: `${outcome.reason}; the set changed the SENDER's own roster instead` };
    const victimSession = await ctx.login(victim);
    if (findItem(await rosterGet(victimSession), jid)) return { outcome: 'violation', reason: `${outcome.reason}; the OTHER user's roster now holds the item` };
    return { ...outcome, reason: `${outcome.reason}; neither roster changed` };
  },
};

export const clientStateIgnored: CheckDefinition = {
  id: 'rfc6121.roster.client-state-ignored',
  title: "'subscription' (other than remove) and 'ask' in a roster set are ignored or refused, never stored",
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.1.2.2' },
    { doc: 'RFC 6121', section: '2.1.2.5' },
    { doc: 'RFC 6121', section: '2.1.5' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster', 'negative', 'security'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const jid = newContactJid(ctx.target.domain);
    const reply = await rosterSet(session, itemXml({ jid, subscription: 'both', ask: 'subscribe' }));
    const item = findItem(await rosterGet(session), jid);
    const how = reply?.attrs.type === 'result' ? 'accepted' : describeReply(reply);
    if (item && subscriptionOf(item) !== 'none') return { outcome: 'violation', reason: `the set was ${how} and the roster now claims subscription='${subscriptionOf(item)}'` };
    if (item?.attrs.ask) return { outcome: 'violation', reason: `the set was ${how} and the roster now claims ask='${item.attrs.ask}'`, of: 'secondary' };
    if (item) return { outcome: 'pass', reason: "the item was stored with subscription='none' and no 'ask'" };
    // A refusal only shows something if an ordinary set is accepted: a server refusing every set stores nothing at all.
    const control = newContactJid(ctx.target.domain);
    const plain = await rosterSet(session, itemXml({ jid: control }));
    if (plain?.attrs.type !== 'result') return { outcome: 'skip', reason: `the server refuses every roster set (the set with client state: ${how}; a plain set: ${describeReply(plain)})` };
    return { outcome: 'pass', reason: `the set with client state was refused (${how}) while a plain set was accepted` };
  },
};

export const removeUnknown: CheckDefinition = {
  id: 'rfc6121.roster.remove-unknown',
  title: 'Removing an item that is not in the roster gets item-not-found',
  area: 'roster',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '2.5.3' }],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const reply = await rosterSet(session, itemXml({ jid: newContactJid(ctx.target.domain), subscription: 'remove' }));
    if (stanzaError(reply)?.condition === 'item-not-found') return { outcome: 'pass', reason: 'error <item-not-found/>' };
    return { outcome: 'violation', reason: `removing an unknown item → ${describeReply(reply)}, expected error <item-not-found/>` };
  },
};

export const setErrorChecks: readonly CheckDefinition[] = [setBadRequest, setEmptyGroup, setOtherUser, clientStateIgnored, removeUnknown];
