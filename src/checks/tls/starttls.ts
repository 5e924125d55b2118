/** B1–B4: STARTTLS on the c2s port — required, enforced, working, and not offered twice. */
import { randomBytes } from 'node:crypto';
import { NS, type Element } from '../../xmpp/index.js';
import { answer, base64, describe, isSasl, isStreamError, localName, offersStartTls } from '../sasl/stream-steps.js';
import type { CheckDefinition } from '../types.js';

/** Features other than STARTTLS, by name, as the server offered them before TLS. */
function otherFeatures(features: Element): string[] {
  return features.children.filter((child): child is Element => typeof child !== 'string' && !child.is('starttls', NS.tls)).map(localName);
}

function tlsMandatory(features: Element): boolean {
  const starttls = features.getChild('starttls', NS.tls);
  return starttls !== undefined && (starttls.getChild('required') !== undefined || otherFeatures(features).length === 0);
}

const starttlsRequired: CheckDefinition = {
  id: 'rfc6120.tls.starttls-required',
  title: 'TLS is mandatory-to-negotiate: STARTTLS carries <required/> and nothing else is offered before it',
  area: 'tls',
  level: 'SHOULD',
  spec: [{ doc: 'RFC 6120', section: '5.3.1' }, { doc: 'RFC 6120', section: '5.2' }],
  legacy: [{ doc: 'RFC 3920', section: '5' }],
  tags: ['tls', 'starttls'],
  async run(ctx) {
    const probe = await ctx.raw();
    const { features, error } = await probe.open();
    if (!features) return { outcome: 'violation', reason: `no stream features on the cleartext stream (${error?.condition ?? 'nothing arrived'})` };
    const others = otherFeatures(features);
    if (!offersStartTls(features)) return { outcome: 'violation', reason: `STARTTLS is not offered (features: ${others.join(', ') || 'none'})` };
    if (!tlsMandatory(features)) return { outcome: 'violation', reason: `TLS is optional: STARTTLS without <required/>, next to ${others.join(', ')}` };
    if (others.length > 0) return { outcome: 'violation', reason: `TLS is required, yet ${others.join(', ')} is also offered before TLS` };
    return { outcome: 'pass', reason: 'only STARTTLS is offered on the cleartext stream, marked <required/>' };
  },
};

const noAuthBeforeTls: CheckDefinition = {
  id: 'rfc6120.tls.no-auth-before-tls',
  title: 'When TLS is required, SASL and stanzas sent before TLS are refused',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '5.3.1' }, { doc: 'RFC 6120', section: '6.5.4' }],
  legacy: [{ doc: 'RFC 3920', section: '5' }],
  tags: ['tls', 'starttls', 'policy'],
  async run(ctx) {
    const probe = await ctx.raw({ label: 'sasl-first' });
    const { features } = await probe.open();
    if (!features || !tlsMandatory(features)) return { outcome: 'skip', reason: 'the server does not signal TLS as mandatory-to-negotiate, so nothing before TLS has to be refused' };
    // A SCRAM first message for a user that does not exist: it carries no secret.
    const nobody = `gauntlet-nobody-${randomBytes(6).toString('hex')}`;
    probe.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>${base64(`n,,n=${nobody},r=${randomBytes(12).toString('hex')}`)}</auth>`);
    const saslReply = await answer(probe);
    if (isSasl(saslReply, 'challenge') || isSasl(saslReply, 'success')) {
      return { outcome: 'violation', reason: `TLS is required, yet SCRAM-SHA-1 proceeded before TLS (${describe(saslReply)})` };
    }
    // Silence proves nothing either way: the exchange was neither refused nor carried on.
    if (saslReply.kind === 'silent') return { outcome: 'info', reason: 'SASL sent before TLS got no answer at all (neither refused nor continued)' };

    const second = await ctx.raw({ label: 'stanza-first' });
    await second.open();
    second.send(`<iq type='get' id='before-tls' to='${ctx.target.domain}'><query xmlns='jabber:iq:version'/></iq>`);
    const stanzaReply = await answer(second);
    if (stanzaReply.kind === 'element' && !isStreamError(stanzaReply.element) && stanzaReply.element.attrs.type === 'result') {
      return { outcome: 'violation', reason: 'TLS is required, yet an IQ sent before TLS was answered with a result' };
    }
    return { outcome: 'pass', reason: `SASL before TLS got ${describe(saslReply)}; a stanza before TLS got ${describe(stanzaReply)}` };
  },
};

const starttlsHandshake: CheckDefinition = {
  id: 'rfc6120.tls.starttls-handshake',
  title: '<starttls/> gets <proceed/>, the handshake succeeds with a valid certificate, and the stream restarts',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '5.4.2.3' }, { doc: 'RFC 6120', section: '5.4.3.3' }, { doc: 'RFC 7590', section: '3.1' }],
  legacy: [{ doc: 'RFC 3920', section: '5' }],
  tags: ['tls', 'starttls'],
  async run(ctx) {
    const probe = await ctx.raw();
    const { features } = await probe.open();
    if (!offersStartTls(features)) return { outcome: 'violation', reason: 'STARTTLS is not offered, although its support is required' };
    try {
      const restarted = await probe.startTls();
      if (!restarted.features) return { outcome: 'violation', reason: `no stream features after the TLS restart (${restarted.error?.condition ?? 'nothing arrived'})` };
    } catch (error) {
      // XmppConnectError 'tls-handshake': a <failure/>, or a handshake/certificate the client refused.
      if ((error as Error).name === 'XmppConnectError') return { outcome: 'violation', reason: `STARTTLS failed: ${(error as Error).message}` };
      throw error;
    }
    const socket = probe.tlsSocket;
    return { outcome: 'pass', reason: `<proceed/>, then ${socket?.getProtocol() ?? 'TLS'} with ${socket?.getCipher().name ?? 'an unknown suite'}, certificate verified, stream restarted` };
  },
};

const noStarttlsTwice: CheckDefinition = {
  id: 'rfc6120.tls.no-starttls-after-tls',
  title: 'After TLS, STARTTLS is neither offered again nor accepted',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '5.4.3.3' }],
  legacy: [{ doc: 'RFC 3920', section: '5' }],
  tags: ['tls', 'starttls'],
  async run(ctx) {
    const probe = await ctx.raw();
    const { features } = await probe.open();
    if (!offersStartTls(features)) return { outcome: 'skip', reason: 'STARTTLS is not offered' };
    const restarted = await probe.startTls();
    if (offersStartTls(restarted.features)) return { outcome: 'violation', reason: 'the features after TLS offer STARTTLS again' };
    probe.send(`<starttls xmlns='${NS.tls}'/>`);
    const reply = await answer(probe);
    if (reply.kind === 'element' && reply.element.is('proceed', NS.tls)) return { outcome: 'violation', reason: 'a second <starttls/> inside TLS got <proceed/>' };
    return { outcome: 'pass', reason: `not offered after TLS; a second <starttls/> got ${describe(reply)}` };
  },
};

export const starttlsChecks: readonly CheckDefinition[] = [starttlsRequired, noAuthBeforeTls, starttlsHandshake, noStarttlsTwice];
