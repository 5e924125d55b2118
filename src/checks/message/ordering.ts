/** In-order processing between one sender and one recipient (RFC 6120 §10.1), under a burst. */
import type { Element } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { arrival, message, online, senderAndRecipient, settle, tag, Watch } from './support.js';

const BURST = 200;

/** The first position where `received` departs from `expected`, or -1. */
export function firstDisorder(expected: readonly string[], received: readonly string[]): number {
  const length = Math.max(expected.length, received.length);
  for (let i = 0; i < length; i++) if (expected[i] !== received[i]) return i;
  return -1;
}

const inOrder: CheckDefinition = {
  id: 'rfc6120.message.in-order',
  title: `${BURST} back-to-back messages from one sender arrive complete and in order`,
  area: 'message',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '10.1' }],
  legacy: [{ doc: 'RFC 3920', section: '10' }],
  tags: ['routing', 'ordering'],
  needs: { accounts: 2 },
  timeoutMs: 60_000,
  async run(ctx) {
    const { sender: a, recipient } = await senderAndRecipient(ctx);
    const b = await online(ctx, recipient, 'receiver', 0);
    const run = tag('seq');
    const ids = Array.from({ length: BURST }, (_, i) => `${run}-${i}`);
    const watch = new Watch(b, ids);
    ctx.note(`sending ${BURST} chat messages to ${b.jid.toString()} without waiting in between`);
    await Promise.all(ids.map((id) => a.send(message({ to: b.jid.toString(), type: 'chat', id, body: id }))));
    const last = await arrival(b, ids.at(-1)!, 45_000);
    if (!last) throw new Error(`the last of ${BURST} messages did not arrive within 45 s`);
    await settle(ctx, a, b);
    const received = watch.seen.filter((s: Element) => s.attrs.type !== 'error').map((s) => s.attrs.id!);
    const at = firstDisorder(ids, received);
    if (at < 0) return { outcome: 'pass', reason: `all ${BURST} arrived once, in the order sent` };
    return {
      outcome: 'violation',
      reason: `received ${received.length} of ${BURST}; position ${at} holds ${received[at] ?? 'nothing'} instead of ${ids[at]}`,
    };
  },
};

export const orderingChecks: readonly CheckDefinition[] = [inOrder];
