/** Directed presence, priority and presence to missing users (RFC 6121 §4.6, §4.7.2.3, §8.5.1, §8.5.2.1.2). */
import type { Element } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { arrives, record, uniqueId } from '../iq/exchange.js';
import { friends, fullOf, isPresence, onlineUser, strangers } from './subscription.js';

export const directedPresence: CheckDefinition = {
  id: 'rfc6121.presence.directed',
  title: 'Directed presence reaches a non-contact, later broadcasts do not, and it gets unavailable when the sender leaves',
  area: 'presence',
  level: 'SHOULD',
  spec: [
    { doc: 'RFC 6121', section: '4.6.3' },
    { doc: 'RFC 6121', section: '4.5.2' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '5.1' }],
  tags: ['presence', 'directed'],
  needs: { accounts: 2 },
  timeoutMs: 40_000,
  async run(ctx) {
    const [{ session: user }, { session: stranger }] = await strangers(ctx);
    const from = fullOf(user);
    await user.send(`<presence to='${fullOf(stranger)}'><status>just for you</status></presence>`);
    const directed = await arrives(stranger, isPresence(undefined, from));
    if (directed?.getChildText('status') !== 'just for you') return { outcome: 'violation', reason: 'the directed presence did not reach the non-contact intact' };
    const broadcasts = record(stranger, isPresence(undefined, from));
    await user.send('<presence><show>away</show></presence>');
    await ctx.barrier(user);
    await ctx.barrier(stranger);
    broadcasts.stop();
    if (broadcasts.seen.length) return { outcome: 'violation', reason: 'a later presence broadcast reached the directed-presence recipient, who is not a subscriber' };
    await user.send("<presence type='unavailable'/>");
    if (!(await arrives(stranger, isPresence('unavailable', from)))) return { outcome: 'violation', reason: 'the directed-presence recipient got no unavailable when the sender went offline' };
    return { outcome: 'pass', reason: 'directed presence delivered, not added to broadcasts, unavailable sent at the end' };
  },
};

export const negativePriority: CheckDefinition = {
  id: 'rfc6121.presence.negative-priority',
  title: "A negative-priority resource is announced with its priority and still receives its contacts' presence",
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '4.7.2.3' },
    { doc: 'RFC 6121', section: '8.5.2.1.2' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '5.1' }],
  tags: ['presence', 'priority'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await friends(ctx);
    await user.send('<presence><priority>-5</priority></presence>');
    const from = fullOf(user);
    const echo = await arrives(user, (s: Element) => isPresence(undefined, from)(s) && s.getChild('priority') !== undefined);
    const seen = await arrives(contact, (s: Element) => isPresence(undefined, from)(s) && s.getChild('priority') !== undefined);
    const echoed = echo?.getChildText('priority');
    if (echoed === undefined || echoed === null) return { outcome: 'violation', reason: 'the sender got no echo carrying its priority' };
    // The server may override the value, but must then announce the same value to both (RFC 6121 §4.7.2.3).
    if (seen?.getChildText('priority') !== echoed) return { outcome: 'violation', reason: `the contact saw priority '${seen?.getChildText('priority')}', the echo said '${echoed}'` };
    await contact.send('<presence><show>chat</show></presence>');
    if (!(await arrives(user, (s: Element) => isPresence(undefined, fullOf(contact))(s) && s.getChildText('show') === 'chat')))
      return { outcome: 'violation', reason: "the negative-priority resource stopped receiving its contact's presence" };
    return { outcome: 'pass', reason: `priority ${echoed} announced to the contact and the sender; the resource still receives presence` };
  },
};

export const presenceToMissingUser: CheckDefinition = {
  id: 'rfc6121.presence.to-missing-user-ignored',
  title: 'Available or unavailable presence to a user that does not exist is dropped silently',
  area: 'presence',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '8.5.1' }],
  legacy: [{ doc: 'RFC 3921', section: '11' }],
  tags: ['presence', 'addressing', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const { session: user } = await onlineUser(ctx, 'desk');
    const ghost = `${uniqueId('nobody')}@${ctx.target.domain}`;
    // A bounce may come from the ghost's JID or from the domain itself: any presence error counts.
    const bounces = record(user, (s) => s.attrs.from?.startsWith(ghost) === true || (s.name === 'presence' && s.attrs.type === 'error'));
    await user.send(`<presence to='${ghost}'/>`);
    await user.send(`<presence to='${ghost}/desk'/>`);
    await user.send(`<presence to='${ghost}' type='unavailable'/>`);
    await ctx.barrier(user);
    bounces.stop();
    if (bounces.seen.length) return { outcome: 'violation', reason: `the server answered with ${bounces.seen[0]!.name} type='${bounces.seen[0]!.attrs.type}' from '${bounces.seen[0]!.attrs.from ?? ''}'` };
    return { outcome: 'pass', reason: 'no error or other reply came back (barrier passed)' };
  },
};

export const directedChecks: readonly CheckDefinition[] = [directedPresence, negativePriority, presenceToMissingUser];
