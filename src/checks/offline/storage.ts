/** What a server keeps for a user who is offline (RFC 6121 §8.5.2.2.1, XEP-0160 §3). */
import { xml } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { conditionOf, errorPayload, listing, NS_CHATSTATES, tag } from '../message/support.js';
import { chat, comeOnline, leaveMessages, storageRefused } from './store.js';

const LEGACY = [{ doc: 'RFC 3921', section: '11' }] as const;
const TYPES_RULE = [{ doc: 'XEP-0160', section: '3' }] as const;

const storeOrRefuse: CheckDefinition = {
  id: 'rfc6121.offline.store-or-refuse',
  title: 'A chat message to a user with no available resource is stored or refused with service-unavailable',
  area: 'offline',
  level: 'SHOULD',
  spec: [
    { doc: 'RFC 6121', section: '8.5.2.2.1' },
    { doc: 'XEP-0160', section: '2' },
  ],
  legacy: LEGACY,
  tags: ['offline', 'either'],
  needs: { accounts: 2 },
  async run(ctx) {
    const [from, to] = [await ctx.account(), await ctx.account()];
    const id = tag('chat');
    const stored = await leaveMessages(ctx, from, to, [chat(id)]);
    const bounce = stored.bounces.get(id);
    if (bounce) {
      const condition = conditionOf(bounce);
      if (condition === 'service-unavailable') return { outcome: 'info', reason: 'refused with <service-unavailable/> (no offline storage)' };
      return { outcome: 'violation', reason: `refused with <${condition}/> instead of <service-unavailable/>` };
    }
    const { watch } = await comeOnline(ctx, to, [id], { expected: id });
    if (watch.delivered(id).length === 0) return { outcome: 'violation', reason: 'neither refused nor delivered when the user came online: the message was lost' };
    return { outcome: 'info', reason: 'stored and delivered when the user came online' };
  },
};

const unstoredTypes: CheckDefinition = {
  id: 'xep0160.offline.unstored-types',
  title: 'headline, groupchat and error messages are not stored offline; chat and normal are',
  area: 'offline',
  level: 'SHOULD',
  spec: TYPES_RULE,
  tags: ['offline'],
  needs: { accounts: 2 },
  async run(ctx) {
    const [from, to] = [await ctx.account(), await ctx.account()];
    const kinds = ['headline', 'groupchat', 'error', 'normal', 'chat'] as const;
    const ids = Object.fromEntries(kinds.map((kind) => [kind, tag(kind)])) as Record<(typeof kinds)[number], string>;
    const specs = kinds.map((kind) => {
      const spec = { type: kind, id: ids[kind], body: `offline ${ids[kind]}`, children: [] as ReturnType<typeof xml>[] };
      if (kind === 'error') spec.children.push(errorPayload());
      return spec;
    });
    const stored = await leaveMessages(ctx, from, to, specs);
    const refused = storageRefused(stored, ids.chat);
    if (refused) return refused;
    // chat was left last: stored messages come back in order, so it arriving closes the window.
    const { watch } = await comeOnline(ctx, to, Object.values(ids), { expected: ids.chat });
    const kept = (['headline', 'groupchat', 'error'] as const).filter((kind) => watch.delivered(ids[kind]).length > 0);
    const lost = (['normal', 'chat'] as const).filter((kind) => watch.delivered(ids[kind]).length === 0);
    const problems = [
      ...(kept.length > 0 ? [`${listing([...kept])} stored and delivered later`] : []),
      ...(lost.length > 0 ? [`${listing([...lost])} not stored`] : []),
    ];
    if (problems.length > 0) return { outcome: 'violation', reason: problems.join('; ') };
    return { outcome: 'pass', reason: 'only normal and chat were stored' };
  },
};

const chatStateOnly: CheckDefinition = {
  id: 'xep0160.offline.chat-state-only',
  title: 'A chat message carrying only a chat state notification is not stored offline',
  area: 'offline',
  level: 'SHOULD',
  spec: TYPES_RULE,
  tags: ['offline', 'chat-states'],
  needs: { accounts: 2 },
  async run(ctx) {
    const [from, to] = [await ctx.account(), await ctx.account()];
    const [stateId, bodyId] = [tag('state'), tag('chat')];
    const stateOnly = { type: 'chat', id: stateId, children: [xml('active', { xmlns: NS_CHATSTATES })] };
    const stored = await leaveMessages(ctx, from, to, [stateOnly, chat(bodyId)]);
    const refused = storageRefused(stored, bodyId);
    if (refused) return refused;
    const { watch } = await comeOnline(ctx, to, [stateId, bodyId], { expected: bodyId });
    if (watch.delivered(stateId).length > 0) return { outcome: 'violation', reason: 'the <active/>-only message was stored and delivered later' };
    return { outcome: 'pass', reason: 'the chat state notification was dropped, the message with a body stored' };
  },
};

export const storageChecks: readonly CheckDefinition[] = [storeOrRefuse, unstoredTypes, chatStateOnly];
