/** Messages addressed to a bare JID whose user has available resources (RFC 6121 §8.5.2.1.1). */
import type { Element } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { conditionOf, errorPayload, listing, message, online, senderAndOneResource, senderAndRecipient, sendPresence, settle, tag, Watch } from './support.js';

const BARE_RULES = [{ doc: 'RFC 6121', section: '8.5.2.1.1' }] as const;
const LEGACY = [{ doc: 'RFC 3921', section: '11' }] as const;
const TWO_ACCOUNTS = { accounts: 2 } as const;

/** chat/normal to the bare JID with two non-negative resources: either branch, 'to' untouched. */
function bareDelivery(type: 'chat' | 'normal'): CheckDefinition {
  return {
    id: `rfc6121.message.bare-${type}`,
    title: `A ${type} message to a bare JID reaches the most available or all non-negative resources, 'to' unchanged`,
    area: 'message',
    level: 'MUST',
    spec: BARE_RULES,
    legacy: LEGACY,
    tags: ['routing', 'either'],
    needs: TWO_ACCOUNTS,
    async run(ctx) {
      const { sender: a, recipient } = await senderAndRecipient(ctx);
      const high = await online(ctx, recipient, 'high', 5);
      const low = await online(ctx, recipient, 'low', 1);
      const id = tag(type);
      const watches = { high: new Watch(high, [id]), low: new Watch(low, [id]) };
      ctx.note(`${recipient.jid}/high has priority 5, /low priority 1; sending a ${type} message to the bare JID`);
      await a.send(message({ to: recipient.jid, type, id, body: id }));
      await settle(ctx, a, high, low);
      const got = Object.entries(watches).filter(([, w]) => w.delivered(id).length > 0);
      if (got.length === 0) return { outcome: 'violation', reason: `no non-negative resource received the ${type} message` };
      const rewritten = got.flatMap(([, w]) => w.delivered(id)).find((s) => s.attrs.to !== recipient.jid && s.attrs.to !== undefined);
      if (rewritten) return { outcome: 'violation', reason: `'to' was rewritten to ${rewritten.attrs.to} (must stay ${recipient.jid})` };
      const names = got.map(([name]) => name);
      const branch = names.length === 2 ? 'all non-negative resources' : `only the "${names[0]}" resource (the server's most available)`;
      return { outcome: 'info', reason: `delivered to ${branch}; 'to' left as the bare JID` };
    },
  };
}

const negativePriority: CheckDefinition = {
  id: 'rfc6121.message.negative-priority',
  title: 'No message to a bare JID reaches a negative-priority resource',
  area: 'message',
  level: 'MUST',
  spec: BARE_RULES,
  legacy: LEGACY,
  tags: ['routing', 'priority'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient } = await senderAndRecipient(ctx);
    const zero = await online(ctx, recipient, 'zero', 0);
    const negative = await online(ctx, recipient, 'negative', -1);
    const types = ['chat', 'normal', 'headline'] as const;
    const ids = types.map((type) => tag(type));
    const atZero = new Watch(zero, ids);
    const atNegative = new Watch(negative, ids);
    for (const [i, type] of types.entries()) await a.send(message({ to: recipient.jid, type, id: ids[i]!, body: ids[i] }));
    await settle(ctx, a, zero, negative);
    const leaked = types.filter((_, i) => atNegative.delivered(ids[i]!).length > 0);
    if (leaked.length > 0) return { outcome: 'violation', reason: `the priority -1 resource received ${listing([...leaked])} addressed to the bare JID` };
    const missing = types.filter((_, i) => atZero.delivered(ids[i]!).length === 0);
    if (missing.length > 0) return { outcome: 'violation', reason: `the only non-negative resource did not receive ${listing([...missing])}` };
    return { outcome: 'pass', reason: 'chat, normal and headline went to the priority 0 resource only' };
  },
};

const headline: CheckDefinition = {
  id: 'rfc6121.message.bare-headline',
  title: 'A headline to a bare JID reaches every non-negative resource',
  area: 'message',
  level: 'MUST',
  spec: BARE_RULES,
  legacy: LEGACY,
  tags: ['routing'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient } = await senderAndRecipient(ctx);
    const first = await online(ctx, recipient, 'first', 2);
    const second = await online(ctx, recipient, 'second', 0);
    const id = tag('headline');
    const watches = [new Watch(first, [id]), new Watch(second, [id])];
    await a.send(message({ to: recipient.jid, type: 'headline', id, body: id }));
    await settle(ctx, a, first, second);
    const count = watches.filter((w) => w.delivered(id).length > 0).length;
    if (count < 2) return { outcome: 'violation', reason: `the headline reached ${count} of 2 non-negative resources (priorities 2 and 0)` };
    return { outcome: 'pass', reason: 'both non-negative resources received the headline' };
  },
};

const groupchat: CheckDefinition = {
  id: 'rfc6121.message.bare-groupchat',
  title: 'A groupchat message to a bare JID is not delivered and returns an error',
  area: 'message',
  level: 'MUST',
  spec: BARE_RULES,
  legacy: LEGACY,
  tags: ['routing', 'errors'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient, resource: b, id, atSender, atResource: atRecipient } = await senderAndOneResource(ctx, 'only', 0, 'groupchat');
    await a.send(message({ to: recipient.jid, type: 'groupchat', id, body: id }));
    await settle(ctx, a, b);
    if (atRecipient.delivered(id).length > 0) return { outcome: 'violation', reason: 'the groupchat message was delivered to the available resource' };
    const bounce = atSender.bounce(id);
    if (!bounce) return { outcome: 'violation', reason: 'no error came back to the sender' };
    const condition = conditionOf(bounce);
    const note = condition === 'service-unavailable' ? '' : ' (service-unavailable is the recommended condition)';
    return { outcome: 'pass', reason: `not delivered; the sender got <${condition}/>${note}` };
  },
};

const errorIgnored: CheckDefinition = {
  id: 'rfc6121.message.bare-error-ignored',
  title: 'A message of type error to a bare JID is silently ignored',
  area: 'message',
  level: 'MUST',
  spec: BARE_RULES,
  legacy: LEGACY,
  tags: ['routing', 'errors'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient, resource: b, id, atSender, atResource: atRecipient } = await senderAndOneResource(ctx, 'only', 0, 'error');
    const stanza = message({ to: recipient.jid, type: 'error', id });
    stanza.append(errorPayload());
    await a.send(stanza);
    await settle(ctx, a, b);
    if (atRecipient.seen.length > 0) return { outcome: 'violation', reason: 'the error message was delivered to the bare JID\'s resource' };
    if (atSender.seen.length > 0) return { outcome: 'violation', reason: 'the server answered an error with another stanza' };
    return { outcome: 'pass', reason: 'neither delivered nor answered' };
  },
};

const onlyNegative: CheckDefinition = {
  id: 'rfc6121.message.only-negative-priority',
  title: 'With only negative-priority resources, a chat message is stored or refused, never delivered to them',
  area: 'message',
  level: 'MUST',
  spec: BARE_RULES,
  legacy: LEGACY,
  tags: ['routing', 'priority', 'either'],
  needs: TWO_ACCOUNTS,
  async run(ctx) {
    const { sender: a, recipient, resource: negative, id, atSender, atResource: atNegative } = await senderAndOneResource(ctx, 'negative', -1, 'chat');
    await a.send(message({ to: recipient.jid, type: 'chat', id, body: id }));
    await settle(ctx, a, negative);
    if (atNegative.delivered(id).length > 0) return { outcome: 'violation', reason: 'the priority -1 resource received the chat message' };
    return onlyNegativeBranch(ctx, atSender.bounce(id), recipient, id);
  },
};

/** Which SHOULD branch was taken: an error bounce, or storage (seen when a resource comes online). */
async function onlyNegativeBranch(ctx: CheckContext, bounce: Element | undefined, recipient: CheckAccount, id: string): Promise<CheckOutcome> {
  if (bounce) return { outcome: 'info', reason: `not delivered; the sender got <${conditionOf(bounce)}/>` };
  ctx.note(`${recipient.jid}/later comes online with priority 0 to see whether the message was stored`);
  const later = await ctx.login(recipient, { resource: 'later' });
  const watch = new Watch(later, [id]);
  await sendPresence(later, 0);
  await settle(ctx, later);
  await watch.claimEarlier();
  const stored = watch.delivered(id).length > 0;
  return {
    outcome: 'info',
    reason: stored ? 'not delivered; stored offline and delivered to the next non-negative resource' : 'not delivered and no error: silently dropped',
  };
}

export const bareJidChecks: readonly CheckDefinition[] = [
  bareDelivery('chat'),
  bareDelivery('normal'),
  negativePriority,
  headline,
  groupchat,
  errorIgnored,
  onlyNegative,
];
