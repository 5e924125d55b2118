/** Messages addressed to a full JID: the exact resource, or one that is not online (RFC 6121 §8.5.3). */
import type { CheckDefinition } from '../types.js';
import { conditionOf, listing, message, online, senderAndOneResource, senderAndRecipient, settle, tag, Watch } from './support.js';

const LEGACY = [{ doc: 'RFC 3921', section: '11' }] as const;
const TWO_ACCOUNTS = { accounts: 2 } as const;

const exactResource: CheckDefinition = {
  id: 'rfc6121.message.full-jid',
  title: 'A message to a full JID reaches exactly that resource, even with negative priority',
  area: 'message',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '8.5.3.1' },
    { doc: 'RFC 6120', section: '10.5.4' },
  ],
  legacy: LEGACY,
  tags: ['routing', 'priority'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient } = await senderAndRecipient(ctx);
    const high = await online(ctx, recipient, 'high', 5);
    const negative = await online(ctx, recipient, 'negative', -1);
    const id = tag('chat');
    const [atHigh, atNegative] = [new Watch(high, [id]), new Watch(negative, [id])];
    await a.send(message({ to: negative.jid.toString(), type: 'chat', id, body: id }));
    await settle(ctx, a, high, negative);
    if (atNegative.delivered(id).length !== 1) {
      return { outcome: 'violation', reason: `the addressed priority -1 resource received ${atNegative.delivered(id).length} copies (expected 1)` };
    }
    if (atHigh.delivered(id).length > 0) return { outcome: 'violation', reason: 'the other resource (priority 5) received a copy too' };
    return { outcome: 'pass', reason: 'delivered to the addressed resource only' };
  },
};

const unknownResourceChat: CheckDefinition = {
  id: 'rfc6121.message.unknown-resource-chat',
  title: 'A chat message to an offline resource goes to the one non-negative resource that is online',
  area: 'message',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '8.5.3.2.1' }],
  legacy: LEGACY,
  tags: ['routing'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient, resource: b, id, atSender, atResource: atRecipient } = await senderAndOneResource(ctx, 'online', 0, 'chat');
    await a.send(message({ to: `${recipient.jid}/${tag('gone')}`, type: 'chat', id, body: id }));
    await settle(ctx, a, b);
    if (atRecipient.delivered(id).length === 1) return { outcome: 'pass', reason: 'delivered to the only non-negative resource' };
    const bounce = atSender.bounce(id);
    const answer = bounce ? `the sender got <${conditionOf(bounce)}/>` : 'nothing came back';
    return { outcome: 'violation', reason: `the online priority 0 resource received ${atRecipient.delivered(id).length} copies; ${answer}` };
  },
};

const unknownResourceOthers: CheckDefinition = {
  id: 'rfc6121.message.unknown-resource-other-types',
  title: 'normal, groupchat and headline messages to an offline resource are ignored or refused, not rerouted',
  area: 'message',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '8.5.3.2.1' }],
  legacy: LEGACY,
  tags: ['routing', 'either'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient } = await senderAndRecipient(ctx);
    const b = await online(ctx, recipient, 'online', 0);
    const types = ['normal', 'groupchat', 'headline'] as const;
    const ids = types.map((type) => tag(type));
    const [atSender, atRecipient] = [new Watch(a, ids), new Watch(b, ids)];
    const offline = `${recipient.jid}/${tag('gone')}`;
    for (const [i, type] of types.entries()) await a.send(message({ to: offline, type, id: ids[i]!, body: ids[i] }));
    await settle(ctx, a, b);
    const rerouted = types.filter((_, i) => atRecipient.delivered(ids[i]!).length > 0);
    // RFC 3921 §11 told servers to treat such messages as addressed to the bare JID.
    const legacyReroute = ctx.profile === 'rfc3920' && rerouted.every((type) => type !== 'groupchat');
    if (rerouted.length > 0 && !legacyReroute) return { outcome: 'violation', reason: `${listing([...rerouted])} reached another resource of the user` };
    const answers = types.map((type, i) => {
      const bounce = atSender.bounce(ids[i]!);
      return `${type}: ${bounce ? `<${conditionOf(bounce)}/>` : 'ignored'}`;
    });
    const handled = rerouted.length > 0 ? `${listing([...rerouted])} rerouted to the bare JID (RFC 3921 rule, accepted by the rfc3920 profile)` : 'not rerouted';
    return { outcome: 'info', reason: `${handled} (${answers.join('; ')})` };
  },
};

export const fullJidChecks: readonly CheckDefinition[] = [exactResource, unknownResourceChat, unknownResourceOthers];
