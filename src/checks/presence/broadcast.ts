/** Presence broadcast (RFC 6121 §4.2–§4.5): initial, subsequent and unavailable presence reach subscribers and own resources. */
import type { Element } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { arrives, missingArrivals } from '../iq/exchange.js';
import { authenticatedProbe } from '../roster/stream-features.js';
import { friends, fullOf, isPresence, loginOnline } from './subscription.js';

const hasShow = (show: string, from: string) => (s: Element) => isPresence(undefined, from)(s) && s.getChildText('show') === show;

export const initialBroadcast: CheckDefinition = {
  id: 'rfc6121.presence.initial-broadcast',
  title: "Initial presence goes to subscribed contacts and to all of the user's available resources",
  area: 'presence',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '4.2.2' }],
  legacy: [{ doc: 'RFC 3921', section: '5.1.1' }],
  tags: ['presence'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ account, session: user }, { session: contact }] = await friends(ctx);
    const second = await loginOnline(ctx, account, 'laptop');
    const from = fullOf(second);
    const missing = await missingArrivals([
      ['the contact', contact, isPresence(undefined, from)],
      ["the user's other resource", user, isPresence(undefined, from)],
      ['the sending resource itself', second, isPresence(undefined, from)],
    ]);
    if (missing.length) return { outcome: 'violation', reason: `initial presence of ${from} did not reach: ${missing.join(', ')}` };
    return { outcome: 'pass', reason: 'the contact, the other resource and the sender all got the new resource\'s presence' };
  },
};

export const subsequentBroadcast: CheckDefinition = {
  id: 'rfc6121.presence.subsequent-broadcast',
  title: 'A presence update is broadcast in full to subscribed contacts and echoed to the sender',
  area: 'presence',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '4.4.2' }],
  legacy: [{ doc: 'RFC 3921', section: '5.1' }],
  tags: ['presence'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await friends(ctx);
    await user.send(`<presence><show>away</show><status>lunch</status><x xmlns='urn:xmpp-gauntlet:probe'>mark</x></presence>`);
    const full = (s: Element) => hasShow('away', fullOf(user))(s) && s.getChildText('status') === 'lunch' && s.getChild('x', 'urn:xmpp-gauntlet:probe') !== undefined;
    const missing = await missingArrivals([
      ['the contact', contact, full],
      ['the sender', user, full],
    ]);
    if (missing.length) return { outcome: 'violation', reason: `the update (show, status and an extension) did not reach intact: ${missing.join(', ')}` };
    return { outcome: 'pass', reason: 'the update reached the contact and the sender with show, status and extension intact' };
  },
};

export const probeOnLogin: CheckDefinition = {
  id: 'rfc6121.presence.contact-presence-on-login',
  title: "A new presence session receives the current presence of the contacts it is subscribed to",
  area: 'presence',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '4.2.2' },
    { doc: 'RFC 6121', section: '4.3.1' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '5.1' }],
  tags: ['presence', 'probe'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ account }, { session: contact }] = await friends(ctx);
    await contact.send('<presence><show>dnd</show></presence>');
    await ctx.barrier(contact);
    const second = await loginOnline(ctx, account, 'laptop');
    if (await arrives(second, hasShow('dnd', fullOf(contact)))) return { outcome: 'pass', reason: "the new resource got the contact's current presence (show dnd)" };
    return { outcome: 'violation', reason: "the new presence session never got the contact's current presence (show dnd)" };
  },
};

export const unavailableBroadcast: CheckDefinition = {
  id: 'rfc6121.presence.unavailable-broadcast',
  title: 'Unavailable presence, with its status, goes to subscribed contacts',
  area: 'presence',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '4.5.2' }],
  legacy: [{ doc: 'RFC 3921', section: '5.1' }],
  tags: ['presence'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ session: user }, { session: contact }] = await friends(ctx);
    await user.send("<presence type='unavailable'><status>gone fishing</status></presence>");
    const seen = await arrives(contact, isPresence('unavailable', fullOf(user)));
    if (!seen) return { outcome: 'violation', reason: 'the contact got no unavailable presence' };
    if (seen.getChildText('status') !== 'gone fishing') return { outcome: 'violation', reason: 'the unavailable presence reached the contact without its <status/>' };
    return { outcome: 'pass', reason: 'the contact got the unavailable presence with its status' };
  },
};

export const ungracefulUnavailable: CheckDefinition = {
  id: 'rfc6121.presence.ungraceful-unavailable',
  title: 'When a connection drops without unavailable presence, the server sends unavailable to contacts',
  area: 'presence',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '4.5.2' }],
  legacy: [{ doc: 'RFC 3921', section: '5.1' }],
  tags: ['presence', 'raw'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const [{ account }, { session: contact }] = await friends(ctx);
    const probe = await authenticatedProbe(ctx, account, 'dropped');
    const full = await probe.bind('dropped');
    probe.send('<presence/>');
    if (!(await arrives(contact, isPresence(undefined, full)))) throw new Error('setup: the raw resource never became available to the contact');
    ctx.note('closing the raw connection without unavailable presence');
    probe.close();
    if (await arrives(contact, isPresence('unavailable', full))) return { outcome: 'pass', reason: `the server sent unavailable for ${full} after its connection dropped` };
    return { outcome: 'violation', reason: `no unavailable presence for ${full} after its connection dropped` };
  },
};

export const broadcastChecks: readonly CheckDefinition[] = [initialBroadcast, subsequentBroadcast, probeOnLogin, unavailableBroadcast, ungracefulUnavailable];
