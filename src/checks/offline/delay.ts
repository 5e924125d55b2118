/** Delayed-delivery notes on stored messages (XEP-0160 §2, XEP-0203 §2 and §5). */
import { xml, type Element } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { NS_DELAY, tag } from '../message/support.js';
import { chat, comeOnline, leaveMessages, leaveOneChat } from './store.js';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** Stamps may be truncated to whole seconds; beyond that, allow a little clock drift. */
const SLACK_MS = 2000;

/** Milliseconds since the epoch of an XEP-0082 UTC DateTime, or a reason it is not one. */
export function parseUtcStamp(stamp: string): number | string {
  const match = DATETIME.exec(stamp);
  if (!match) return `"${stamp}" is not an XEP-0082 DateTime`;
  const zone = match[2]!;
  if (zone !== 'Z' && zone !== '+00:00' && zone !== '-00:00') return `"${stamp}" is not expressed in UTC`;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? `"${stamp}" is not a valid date` : ms;
}

export function delaysOf(stanza: Element): Element[] {
  return stanza.getChildren('delay', NS_DELAY);
}

/** Leaves one chat message for an offline user and returns it as delivered, with the send window. */
async function deliveredOffline(ctx: CheckContext): Promise<CheckOutcome | { stanza: Element; sentAt: number; receivedAt: number; from: CheckAccount }> {
  const left = await leaveOneChat(ctx);
  if ('outcome' in left) return left;
  const { from, to, id, sentAt } = left;
  const { watch } = await comeOnline(ctx, to, [id], { expected: id });
  const receivedAt = Date.now();
  const [stanza] = watch.delivered(id);
  if (!stanza) throw new Error('the stored message was not delivered after initial presence');
  return { stanza, sentAt, receivedAt, from };
}

const delayPresent: CheckDefinition = {
  id: 'xep0160.offline.delay-present',
  title: 'A stored message carries one delay element naming the server or the sender',
  area: 'offline',
  level: 'SHOULD',
  spec: [
    { doc: 'XEP-0160', section: '2' },
    { doc: 'XEP-0203', section: '2' },
  ],
  tags: ['offline', 'delay'],
  needs: { accounts: 2 },
  async run(ctx) {
    const got = await deliveredOffline(ctx);
    if ('outcome' in got) return got;
    const delays = delaysOf(got.stanza);
    if (delays.length !== 1) return { outcome: 'violation', reason: `the delivered message has ${delays.length} <delay xmlns='${NS_DELAY}'/> elements (expected 1)` };
    const by = delays[0]!.attrs.from;
    const allowed = [ctx.target.domain, got.from.jid];
    if (by === undefined) return { outcome: 'violation', reason: "the delay has no 'from' (RECOMMENDED: the server that stored it)" };
    if (!allowed.some((jid) => by === jid || by.startsWith(`${jid}/`))) return { outcome: 'violation', reason: `the delay names ${by}, neither the server nor the sender` };
    return { outcome: 'pass', reason: `one delay element, from='${by}'` };
  },
};

const delayStamp: CheckDefinition = {
  id: 'xep0203.offline.delay-stamp',
  title: 'The delay stamp of a stored message is a UTC XEP-0082 time between sending and delivery',
  area: 'offline',
  level: 'MUST',
  spec: [{ doc: 'XEP-0203', section: '2' }],
  tags: ['offline', 'delay'],
  needs: { accounts: 2 },
  async run(ctx) {
    const got = await deliveredOffline(ctx);
    if ('outcome' in got) return got;
    const [delay] = delaysOf(got.stanza);
    if (!delay) return { outcome: 'skip', reason: 'the server adds no delay element (see xep0160.offline.delay-present)' };
    const stamp = delay.attrs.stamp;
    if (stamp === undefined) return { outcome: 'violation', reason: "the delay has no 'stamp' (REQUIRED)" };
    const at = parseUtcStamp(stamp);
    if (typeof at === 'string') return { outcome: 'violation', reason: at };
    if (at < got.sentAt - SLACK_MS || at > got.receivedAt + SLACK_MS) {
      const window = `${new Date(got.sentAt).toISOString()} – ${new Date(got.receivedAt).toISOString()}`;
      return { outcome: 'violation', reason: `stamp ${stamp} lies outside the send/delivery window ${window} (±${SLACK_MS / 1000} s)` };
    }
    return { outcome: 'pass', reason: `stamp ${stamp} is UTC and within the send/delivery window` };
  },
};

const FORGED_STAMP = '2001-01-01T00:00:00Z';

const forgedDelay: CheckDefinition = {
  id: 'xep0203.offline.forged-delay',
  title: "A client-made delay claiming the server's JID is discarded or refused with not-acceptable",
  area: 'offline',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0203', section: '5' }],
  tags: ['offline', 'delay', 'security'],
  needs: { accounts: 2 },
  async run(ctx) {
    const [from, to] = [await ctx.account(), await ctx.account()];
    const id = tag('forged');
    const forged = xml('delay', { xmlns: NS_DELAY, from: ctx.target.domain, stamp: FORGED_STAMP });
    ctx.note(`the sender adds <delay from='${ctx.target.domain}' stamp='${FORGED_STAMP}'/> itself`);
    const stored = await leaveMessages(ctx, from, to, [{ ...chat(id), children: [forged] }]);
    const bounce = stored.bounces.get(id);
    if (bounce) {
      const condition = bounce.getChild('error')?.getChildElements()[0]?.name;
      if (condition === 'not-acceptable') return { outcome: 'pass', reason: 'refused with <not-acceptable/>' };
      return { outcome: 'skip', reason: `the message was refused with <${condition}/>, so offline storage could not be observed` };
    }
    const { watch } = await comeOnline(ctx, to, [id], { expected: id });
    const [delivered] = watch.delivered(id);
    if (!delivered) throw new Error('the stored message was not delivered after initial presence');
    const kept = delaysOf(delivered).filter((d) => d.attrs.from === ctx.target.domain && d.attrs.stamp === FORGED_STAMP);
    if (kept.length > 0) return { outcome: 'violation', reason: `the forged delay reached the recipient (${delaysOf(delivered).length} delay element(s) in total)` };
    return { outcome: 'pass', reason: 'the forged delay was discarded before delivery' };
  },
};

export const delayChecks: readonly CheckDefinition[] = [delayPresent, delayStamp, forgedDelay];
