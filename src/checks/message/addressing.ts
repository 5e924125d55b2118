/** Addresses that are missing or lead nowhere: no 'to', no such user, no such domain. */
import type { CheckDefinition } from '../types.js';
import { arrival, conditionOf, message, online, settle, tag, Watch } from './support.js';

const noSuchUser: CheckDefinition = {
  id: 'rfc6121.message.no-such-user',
  title: 'A message to a nonexistent local user is ignored or refused with service-unavailable',
  area: 'message',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '8.5.1' }],
  legacy: [{ doc: 'RFC 3921', section: '11' }],
  tags: ['routing', 'either'],
  needs: { accounts: 1 },
  async run(ctx) {
    const a = await ctx.login(await ctx.account(), { resource: 'sender' });
    const id = tag('chat');
    const watch = new Watch(a, [id]);
    await a.send(message({ to: `${tag('nobody')}@${ctx.target.domain}`, type: 'chat', id, body: id }));
    await settle(ctx, a);
    const bounce = watch.bounce(id);
    if (!bounce) return { outcome: 'info', reason: 'silently ignored' };
    const condition = conditionOf(bounce);
    if (condition !== 'service-unavailable') return { outcome: 'violation', reason: `refused with <${condition}/> instead of <service-unavailable/>` };
    return { outcome: 'info', reason: 'refused with <service-unavailable/>' };
  },
};

const noTo: CheckDefinition = {
  id: 'rfc6120.message.no-to',
  title: "A message without 'to' is handled as addressed to the sender's bare JID",
  area: 'message',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '10.3.1' }],
  legacy: [{ doc: 'RFC 3920', section: '10.1' }],
  tags: ['routing', 'addressing'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const a = await online(ctx, account, 'only', 0);
    const id = tag('chat');
    const watch = new Watch(a, [id]);
    ctx.note('the sender is its account\'s only resource (priority 0), so a bare-JID message must come back to it');
    await a.send(message({ type: 'chat', id, body: id }));
    await settle(ctx, a);
    const bounce = watch.bounce(id);
    if (bounce) return { outcome: 'violation', reason: `refused with <${conditionOf(bounce)}/>` };
    if (watch.delivered(id).length === 0) return { outcome: 'violation', reason: "the message was not delivered to the sender's own bare JID" };
    return { outcome: 'pass', reason: "delivered to the sender's only resource, as to its bare JID" };
  },
};

/** RFC 2606 reserves .invalid: no resolver can answer it, wherever the tool runs. */
const remoteNotFound: CheckDefinition = {
  id: 'rfc6120.message.remote-server-not-found',
  title: 'A message to a domain that does not resolve returns remote-server-not-found',
  area: 'message',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6120', section: '10.4.3' },
    { doc: 'RFC 6120', section: '8.3.3.16' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '10' }],
  tags: ['routing', 'errors', 'dns'],
  needs: { accounts: 1 },
  timeoutMs: 60_000,
  async run(ctx) {
    const a = await ctx.login(await ctx.account(), { resource: 'sender' });
    const id = tag('chat');
    const domain = `${tag('nxdomain')}.invalid`;
    ctx.note(`${domain} is under the reserved .invalid TLD, so its DNS lookup fails`);
    await a.send(message({ to: `nobody@${domain}`, type: 'chat', id, body: id }));
    const reply = await arrival(a, id, 45_000);
    if (!reply) return { outcome: 'violation', reason: 'no error came back within 45 s' };
    if (reply.attrs.type !== 'error') return { outcome: 'violation', reason: 'the message came back without an error' };
    const condition = conditionOf(reply);
    if (condition !== 'remote-server-not-found') return { outcome: 'violation', reason: `refused with <${condition}/> instead of <remote-server-not-found/>` };
    return { outcome: 'pass', reason: 'refused with <remote-server-not-found/>' };
  },
};

export const addressingChecks: readonly CheckDefinition[] = [noSuchUser, noTo, remoteNotFound];
