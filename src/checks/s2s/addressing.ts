/**
 * Stanza addressing on an authenticated s2s stream (RFC 6120 §4.9.3, §8.1; RFC 6121 §8.5.1):
 * the target must refuse what the stream did not authenticate and answer for missing users.
 */
import { xml, type Element } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { WAIT_MS, endOf, errorCondition, peersOf, strangerDomain } from './support.js';

const RFC6120 = 'RFC 6120';

/** An authenticated link from a fresh peer; sends `stanza` raw and reports the stream error, if any. */
async function streamErrorAfter(ctx: CheckContext, build: (peer: string) => Element): Promise<{ condition?: string; peer: string }> {
  const network = await peersOf(ctx, { auth: 'external' });
  const peer = network.domains[0]!;
  const link = await network.link(peer, ctx.target.domain);
  const stanza = build(peer);
  ctx.note(`sending on the authenticated stream: ${stanza.toString()}`);
  link.send(stanza);
  const end = await endOf(link.stream, WAIT_MS);
  return { condition: end?.by === 'them' ? end.condition : undefined, peer };
}

const improperAddressing: CheckDefinition = {
  id: 'rfc6120.s2s.improper-addressing',
  title: "A stanza without 'from' on an authenticated s2s stream gets improper-addressing",
  area: 's2s',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '8.1.2.2' },
    { doc: RFC6120, section: '4.9.3.7' },
  ],
  needs: { peers: true },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const { condition } = await streamErrorAfter(ctx, () => xml('message', { to: `nobody@${ctx.target.domain}`, type: 'chat' }, xml('body', {}, 'no from')));
    if (condition === 'improper-addressing') return { outcome: 'pass', reason: "a stanza without 'from' → <improper-addressing/>" };
    return { outcome: 'violation', reason: `a stanza without 'from' → ${condition ? `<${condition}/>` : 'no stream error'}` };
  },
};

const invalidFrom: CheckDefinition = {
  id: 'rfc6120.s2s.invalid-from',
  title: "A stanza 'from' a domain not authenticated on the stream gets invalid-from",
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: RFC6120, section: '4.9.3.9' }],
  needs: { peers: true },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const spoofed = strangerDomain();
    const { condition } = await streamErrorAfter(ctx, () => xml('message', { from: `mallory@${spoofed}`, to: `nobody@${ctx.target.domain}`, type: 'chat' }, xml('body', {}, 'spoofed')));
    if (condition === 'invalid-from') return { outcome: 'pass', reason: `a stanza from ${spoofed} → <invalid-from/>` };
    return { outcome: 'violation', reason: `a stanza from the unverified ${spoofed} → ${condition ? `<${condition}/>` : 'no stream error'}` };
  },
};

const missingUserIq: CheckDefinition = {
  id: 'rfc6121.s2s.iq-missing-user',
  title: 'An IQ from a remote user to a local account that does not exist gets service-unavailable back over s2s',
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '8.5.1' }],
  needs: { peers: true },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx, { auth: 'external' });
    const from = `user1@${network.domains[0]}/sim`;
    const answer = network.waitFor((s) => s.name === 'iq' && s.attrs.id === 'missing-user', 20_000).catch(() => undefined);
    await network.send(xml('iq', { from, to: `no-such-user-${Date.now()}@${ctx.target.domain}`, type: 'get', id: 'missing-user' }, xml('query', { xmlns: 'jabber:iq:version' })));
    const reply = await answer;
    if (!reply) return { outcome: 'violation', reason: 'no answer came back over s2s for an IQ to a missing user' };
    if (reply.attrs.type !== 'error') return { outcome: 'violation', reason: `the IQ to a missing user was answered type='${reply.attrs.type}'` };
    const condition = errorCondition(reply);
    if (condition !== 'service-unavailable') return { outcome: 'violation', reason: `the IQ to a missing user got <${condition}/>, not <service-unavailable/>` };
    return { outcome: 'pass', reason: 'the IQ to a missing user came back over s2s as <service-unavailable/>' };
  },
};

export const addressingChecks: readonly CheckDefinition[] = [improperAddressing, invalidFrom, missingUserIq];
