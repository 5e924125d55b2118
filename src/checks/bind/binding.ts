/** D1–D3: resource binding — generated, requested, and refused when the resource is invalid. */
import { randomBytes } from 'node:crypto';
import type { CheckAccount, CheckDefinition, CheckOutcome } from '../types.js';
import { authenticated, bindRequest, describeBind, type BindReply } from './bind-steps.js';

/** RFC 7622: a resourcepart is at most 1023 octets. */
const TOO_LONG = 'r'.repeat(1100);

/** The JID came back for our own account (domain and localpart compare case-insensitively). */
function forUs(reply: BindReply & { kind: 'result' }, account: CheckAccount): boolean {
  return reply.bare.toLowerCase() === account.jid.toLowerCase();
}

function notOurs(reply: BindReply & { kind: 'result' }, account: CheckAccount): CheckOutcome {
  return { outcome: 'violation', reason: `bound ${reply.jid}, which is not ${account.jid}` };
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
    const account = await ctx.account();
    const { probe } = await authenticated(ctx, account);
    const reply = await bindRequest(probe);
    if (reply.kind !== 'result') return { outcome: 'violation', reason: `an empty <bind/> got ${describeBind(reply)}` };
    if (!forUs(reply, account)) return notOurs(reply, account);
    if (!reply.resource) return { outcome: 'violation', reason: `the returned JID ${reply.jid} has no resource` };
    return { outcome: 'pass', reason: `bound ${reply.jid}` };
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
    const account = await ctx.account();
    const { probe } = await authenticated(ctx, account);
    const wanted = `gauntlet-${randomBytes(4).toString('hex')}`;
    const reply = await bindRequest(probe, wanted);
    if (reply.kind !== 'result') return { outcome: 'violation', reason: `<bind/> with resource ${wanted} got ${describeBind(reply)}` };
    if (!forUs(reply, account)) return notOurs(reply, account);
    if (!reply.resource) return { outcome: 'violation', reason: `the returned JID ${reply.jid} has no resource` };
    if (reply.resource === wanted) return { outcome: 'pass', reason: `granted as requested: ${reply.jid}` };
    return { outcome: 'pass', reason: `the server replaced the requested resource ${wanted} (allowed): ${reply.jid}` };
  },
};

const badResource: CheckDefinition = {
  id: 'rfc6120.bind.resource-too-long',
  title: 'A resource longer than 1023 octets gets <bad-request/>',
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
      return { outcome: 'violation', reason: `a ${TOO_LONG.length}-octet resource was accepted (bound resource: ${reply.resource.length} octets)` };
    }
    return { outcome: 'violation', reason: `a ${TOO_LONG.length}-octet resource got ${describeBind(reply)} instead of <bad-request/>` };
  },
};

export const bindingChecks: readonly CheckDefinition[] = [serverGenerated, clientSubmitted, badResource];
