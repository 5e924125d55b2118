/** D1–D3: resource binding — generated, requested, and refused when the resource is invalid. */
import { randomBytes } from 'node:crypto';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { authenticated, bindRequest, describeBind, type BindReply } from './bind-steps.js';

/** RFC 7622: a resourcepart is at most 1023 octets. */
const TOO_LONG = 'r'.repeat(1100);

/**
 * A fresh account binds (asking for `resource` when given): the bound reply when it is a full JID
 * of that account, else the violation. `request` names the bind request in reasons.
 */
async function bindFullJid(ctx: CheckContext, request: string, resource?: string): Promise<{ bound: BindReply & { kind: 'result' } } | { stop: CheckOutcome }> {
  const account = await ctx.account();
  const { probe } = await authenticated(ctx, account);
  const reply = await bindRequest(probe, resource);
  if (reply.kind !== 'result') return { stop: { outcome: 'violation', reason: `${request} got ${describeBind(reply)}` } };
  // Domain and localpart compare case-insensitively.
  if (reply.bare.toLowerCase() !== account.jid.toLowerCase()) return { stop: { outcome: 'violation', reason: `bound ${reply.jid}, which is not ${account.jid}` } };
  if (!reply.resource) return { stop: { outcome: 'violation', reason: `the returned JID ${reply.jid} has no resource` } };
  return { bound: reply };
}

const serverGenerated: CheckDefinition = {
  id: 'rfc6120.bind.server-generated',
  title: 'An empty <bind/> gets a full JID with a resource the server generated',
  area: 'bind',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '7.6.1' }],
  legacy: [{ doc: 'RFC 3920', section: '7' }],
  tags: ['bind'],
  needs: { accounts: 1 },
  async run(ctx) {
    const bound = await bindFullJid(ctx, 'an empty <bind/>');
    if ('stop' in bound) return bound.stop;
    return { outcome: 'pass', reason: `bound ${bound.bound.jid}` };
  },
};

const clientSubmitted: CheckDefinition = {
  id: 'rfc6120.bind.client-resource',
  title: 'A requested resource is granted (or replaced) and the full JID returned',
  area: 'bind',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '7.7.1' }],
  legacy: [{ doc: 'RFC 3920', section: '7' }],
  tags: ['bind'],
  needs: { accounts: 1 },
  async run(ctx) {
    const wanted = `gauntlet-${randomBytes(4).toString('hex')}`;
    const bound = await bindFullJid(ctx, `<bind/> with resource ${wanted}`, wanted);
    if ('stop' in bound) return bound.stop;
    const reply = bound.bound;
    if (reply.resource === wanted) return { outcome: 'pass', reason: `granted as requested: ${reply.jid}` };
    return { outcome: 'pass', reason: `the server replaced the requested resource ${wanted} (allowed): ${reply.jid}` };
  },
};

const badResource: CheckDefinition = {
  id: 'rfc6120.bind.resource-too-long',
  title: 'A resource longer than 1023 octets is never bound (refused with <bad-request/>, or replaced)',
  area: 'bind',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '7.7.2.1' }, { doc: 'RFC 7622', section: '3.4' }],
  legacy: [{ doc: 'RFC 3920', section: '7' }],
  tags: ['bind', 'errors'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe } = await authenticated(ctx, account);
    const reply = await bindRequest(probe, TOO_LONG);
    if (reply.kind === 'error' && reply.condition === 'bad-request') return { outcome: 'pass', reason: `a ${TOO_LONG.length}-octet resource is refused with <bad-request/>` };
    if (reply.kind === 'result') {
      const octets = Buffer.byteLength(reply.resource, 'utf8');
      if (octets > 1023) return { outcome: 'violation', reason: `a ${TOO_LONG.length}-octet resource was bound as requested (${octets} octets)` };
      // §7.7.1 lets the server substitute its own resource: the long one was not bound, but not refused either.
      return { outcome: 'violation', reason: `a ${TOO_LONG.length}-octet resource was replaced by a server-chosen ${octets}-octet resource, not refused with <bad-request/>`, of: 'secondary' };
    }
    if (reply.kind === 'error') return { outcome: 'violation', reason: `a ${TOO_LONG.length}-octet resource got ${describeBind(reply)} instead of <bad-request/>`, of: 'secondary' };
    return { outcome: 'violation', reason: `a ${TOO_LONG.length}-octet resource got ${describeBind(reply)} instead of <bad-request/>` };
  },
};

export const bindingChecks: readonly CheckDefinition[] = [serverGenerated, clientSubmitted, badResource];
