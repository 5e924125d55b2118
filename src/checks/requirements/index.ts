/**
 * Deployment requirements (`--require`, a scenario's `checks.require`): features the RFCs leave
 * optional — so a server without them passes every check — but that an operator of a public
 * service expects. Each one is a small probe run like a check (same runner, wire log, accounts);
 * `pass` = present, `fail` = absent, `skip` = could not be told here. They are reported apart
 * from the RFC verdicts and never change them.
 */
import { GauntletError } from '../../util/errors.js';
import { NS } from '../../xmpp/index.js';
import { comeOnline, chat, leaveMessages } from '../offline/store.js';
import { tag } from '../message/support.js';
import { securedStream } from '../register/ibr.js';
import { DIALBACK_FEATURE_NS, openS2sProbe } from '../s2s/support.js';
import type { CheckDefinition } from '../types.js';
import { REQUIREMENT_NAMES, type RequirementName } from './names.js';

const ibr: CheckDefinition = {
  id: 'require.ibr',
  title: 'In-band registration (XEP-0077) is offered after STARTTLS',
  area: 'register',
  level: 'MUST',
  spec: [{ doc: 'XEP-0077', section: '4' }],
  async run(ctx) {
    const { offered } = await securedStream(ctx);
    return offered ? { outcome: 'pass', reason: 'the register stream feature is offered' } : { outcome: 'violation', reason: 'no register stream feature after STARTTLS' };
  },
};

const directTls: CheckDefinition = {
  id: 'require.direct-tls',
  title: 'Clients can connect with direct TLS (XEP-0368)',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'XEP-0368', section: '3' }],
  async run(ctx) {
    if (ctx.target.directTlsPort === undefined) return { outcome: 'skip', reason: 'no direct-TLS port is known for this target: give --direct-port to test one' };
    const probe = await ctx.raw({ directTls: true, label: 'direct-tls' });
    const opened = await probe.open();
    if (!opened.features) return { outcome: 'violation', reason: `TLS on port ${ctx.target.directTlsPort} works, but no XMPP stream features came (${opened.error?.condition ?? 'nothing'})` };
    return { outcome: 'pass', reason: `port ${ctx.target.directTlsPort}: TLS handshake and stream features` };
  },
};

const offline: CheckDefinition = {
  id: 'require.offline',
  title: 'Chat messages to an offline user are stored and delivered later (XEP-0160)',
  area: 'offline',
  level: 'MUST',
  spec: [{ doc: 'XEP-0160', section: '3' }],
  needs: { accounts: 2 },
  async run(ctx) {
    const [from, to] = [await ctx.account(), await ctx.account()];
    const id = tag('require');
    const stored = await leaveMessages(ctx, from, to, [chat(id)]);
    if (stored.bounces.has(id)) return { outcome: 'violation', reason: 'a chat message to an offline user was refused: no offline storage' };
    const { watch } = await comeOnline(ctx, to, [id], { expected: id });
    return watch.delivered(id).length > 0 ? { outcome: 'pass', reason: 'stored and delivered when the user came online' } : { outcome: 'violation', reason: 'not refused, but never delivered' };
  },
};

const dialback: CheckDefinition = {
  id: 'require.dialback',
  title: 'Servers without a trusted certificate can federate by dialback (XEP-0220)',
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: 'XEP-0220', section: '2.1' }],
  async run(ctx) {
    const { probe, opened } = await openS2sProbe(ctx);
    const offers = (features: typeof opened.features) => features?.getChild('dialback', DIALBACK_FEATURE_NS) !== undefined;
    if (offers(opened.features)) return { outcome: 'pass', reason: 'dialback offered on the s2s stream' };
    if (!opened.features?.getChild('starttls', NS.tls)) return { outcome: 'violation', reason: 'no dialback feature on the s2s stream' };
    const secured = await probe.startTls();
    return offers(secured.features) ? { outcome: 'pass', reason: 'dialback offered on the s2s stream after STARTTLS' } : { outcome: 'violation', reason: 'no dialback feature on the s2s stream, before or after STARTTLS' };
  },
};

const REQUIREMENTS: Readonly<Record<RequirementName, CheckDefinition>> = { ibr, 'direct-tls': directTls, offline, dialback };

/** The definitions for `names`; an unknown name is refused before anything runs. */
export function requirementChecks(names: readonly string[]): CheckDefinition[] {
  const unknown = names.filter((name) => !(REQUIREMENT_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new GauntletError('usage', `unknown requirement ${unknown.map((n) => `"${n}"`).join(', ')}`, { hint: `known: ${REQUIREMENT_NAMES.join(', ')}` });
  }
  return [...new Set(names)].map((name) => REQUIREMENTS[name as RequirementName]);
}
