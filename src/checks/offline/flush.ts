/** When and how stored messages come back (XEP-0160 §2, RFC 6120 §10.1). */
import type { CheckDefinition } from '../types.js';
import { arrival, sendPresence, settle, tag, Watch } from '../message/support.js';
import { chat, comeOnline, leaveMessages, leaveOneChat, storageRefused } from './store.js';

const FLOW = [{ doc: 'XEP-0160', section: '2' }] as const;

const flushOnPresence: CheckDefinition = {
  id: 'xep0160.offline.flush-on-presence',
  title: 'Stored messages are delivered after initial presence, not at resource binding',
  area: 'offline',
  level: 'SHOULD',
  spec: FLOW,
  tags: ['offline'],
  needs: { accounts: 2 },
  async run(ctx) {
    const left = await leaveOneChat(ctx);
    if ('outcome' in left) return left;
    const { to, id } = left;
    const session = await ctx.login(to, { resource: 'bound' });
    const watch = new Watch(session, [id]);
    await settle(ctx, session);
    await watch.claimEarlier();
    if (watch.delivered(id).length > 0) {
      return { outcome: 'violation', reason: 'the stored message arrived right after binding, before any presence' };
    }
    ctx.note('nothing after bind; now sending initial presence with priority 1');
    await sendPresence(session, 1);
    await arrival(session, id);
    await settle(ctx, session);
    if (watch.delivered(id).length !== 1) return { outcome: 'violation', reason: `initial presence brought ${watch.delivered(id).length} copies (expected 1)` };
    return { outcome: 'pass', reason: 'held at bind, delivered once after initial presence' };
  },
};

const negativeHeld: CheckDefinition = {
  id: 'xep0160.offline.negative-priority-held',
  title: 'Stored messages are not delivered to a resource that comes online with negative priority',
  area: 'offline',
  level: 'SHOULD',
  spec: [...FLOW, { doc: 'RFC 6121', section: '8.5.2.1.1' }],
  tags: ['offline', 'priority'],
  needs: { accounts: 2 },
  async run(ctx) {
    const left = await leaveOneChat(ctx);
    if ('outcome' in left) return left;
    const { to, id } = left;
    const negative = await comeOnline(ctx, to, [id], { priority: -1, resource: 'negative' });
    if (negative.watch.delivered(id).length > 0) return { outcome: 'violation', reason: 'the stored message went to the priority -1 resource' };
    const later = await comeOnline(ctx, to, [id], { priority: 0, resource: 'zero', expected: id });
    if (later.watch.delivered(id).length !== 1) return { outcome: 'violation', reason: 'a later priority 0 resource did not get the held message' };
    await settle(ctx, negative.session);
    if (negative.watch.delivered(id).length > 0) return { outcome: 'violation', reason: 'the priority -1 resource got a copy as well' };
    return { outcome: 'pass', reason: 'held for priority -1, delivered to the next priority 0 resource' };
  },
};

const OFFLINE_BURST = 8;

const orderOnce: CheckDefinition = {
  id: 'rfc6120.offline.order-once',
  title: `${OFFLINE_BURST} stored messages come back in the order sent, and only once across reconnects`,
  area: 'offline',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6120', section: '10.1' },
    { doc: 'XEP-0160', section: '2' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '10' }],
  tags: ['offline', 'ordering'],
  needs: { accounts: 2 },
  async run(ctx) {
    const [from, to] = [await ctx.account(), await ctx.account()];
    const run = tag('seq');
    const ids = Array.from({ length: OFFLINE_BURST }, (_, i) => `${run}-${i}`);
    const stored = await leaveMessages(ctx, from, to, ids.map(chat));
    const refused = storageRefused(stored, ids[0]!);
    if (refused) return refused;
    const first = await comeOnline(ctx, to, ids, { expected: ids.at(-1), resource: 'first' });
    const order = first.watch.seen.map((s) => s.attrs.id);
    if (order.join() !== ids.join()) return { outcome: 'violation', reason: `delivered as [${order.join(', ')}], sent as [${ids.join(', ')}]` };
    await first.session.close();
    ctx.note('all delivered in order; reconnecting to see whether any come back');
    const second = await comeOnline(ctx, to, ids, { resource: 'second' });
    if (second.watch.seen.length > 0) return { outcome: 'violation', reason: `${second.watch.seen.length} message(s) were delivered again after reconnecting` };
    return { outcome: 'pass', reason: `all ${OFFLINE_BURST} in order, none repeated on the next login` };
  },
};

export const flushChecks: readonly CheckDefinition[] = [flushOnPresence, negativeHeld, orderOnce];
