/** The s2s port's stream rules, before any authentication (RFC 6120 §4, §5; XEP-0220 §2.4). */
import { NS, type Element } from '../../xmpp/index.js';
import { judgeRefusedHeader, judgeStreamError, judgeUnknownHost } from '../stream/support.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { DIALBACK_FEATURE_NS, DIALBACK_NS, WAIT_MS, openS2sProbe, peersOf, strangerDomain } from './support.js';

const RFC6120 = 'RFC 6120';

const clientNamespace: CheckDefinition = {
  id: 'rfc6120.s2s.invalid-namespace',
  title: "Records how the s2s port treats a 'jabber:client' stream (invalid-namespace names the case)",
  area: 's2s',
  // Like rfc6120.stream.content-namespace: §4.9.3.10 only defines the condition, and §4.8.3 asks a
  // server to support 'jabber:server' for s2s, not to refuse another content namespace there.
  level: 'INFO',
  spec: [
    { doc: RFC6120, section: '4.8.3' },
    { doc: RFC6120, section: '4.9.3.10' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '4.7.3' }],
  async run(ctx): Promise<CheckOutcome> {
    const { opened } = await openS2sProbe(ctx, { ns: NS.client });
    return judgeRefusedHeader(opened, {
      accepted: 'a jabber:client stream was accepted on the s2s port',
      expected: ['invalid-namespace'],
      trigger: "a 'jabber:client' header on the s2s port",
      generic: ['bad-format'],
    });
  },
};

const hostUnknown: CheckDefinition = {
  id: 'rfc6120.s2s.host-unknown',
  title: "An s2s header 'to' a domain the server does not host is never served as that domain (host-unknown names the refusal)",
  area: 's2s',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.7.1' },
    { doc: RFC6120, section: '4.9.3.6' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '4.7.3' }],
  async run(ctx): Promise<CheckOutcome> {
    const unknown = strangerDomain();
    const { opened } = await openS2sProbe(ctx, { to: unknown });
    return judgeUnknownHost(opened, unknown, `an s2s stream to ${unknown}`);
  },
};

const starttlsOffered: CheckDefinition = {
  id: 'rfc6120.s2s.starttls-offered',
  title: 'STARTTLS is offered on the s2s stream',
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: RFC6120, section: '5.3.1' }],
  legacy: [{ doc: 'RFC 3920', section: '5.1' }],
  async run(ctx): Promise<CheckOutcome> {
    const { opened } = await openS2sProbe(ctx);
    if (!opened.features) return { outcome: 'violation', reason: `no stream features on the s2s port (${opened.error ? `<${opened.error.condition}/>` : 'nothing'})` };
    if (!opened.features.getChild('starttls', NS.tls)) return { outcome: 'violation', reason: 'the s2s features do not offer STARTTLS' };
    return { outcome: 'pass', reason: 'STARTTLS is offered on the s2s stream' };
  },
};

const dialbackBeforeTls: CheckDefinition = {
  id: 'rfc6120.s2s.tls-before-dialback',
  title: 'STARTTLS is required on s2s, and dialback sent before it is not accepted',
  area: 's2s',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '5.3.1' },
    { doc: 'XEP-0220', section: '2.5' },
  ],
  needs: { peers: true },
  async run(ctx): Promise<CheckOutcome> {
    // A real simulated peer, so that a key sent before TLS is one our listener vouches for: a
    // server that ran dialback on a cleartext stream would be told valid, and could say so.
    const network = await peersOf(ctx);
    const peer = network.domains[0]!;
    const { probe, opened } = await openS2sProbe(ctx, { from: peer });
    const starttls = opened.features?.getChild('starttls', NS.tls);
    if (!starttls) return { outcome: 'violation', reason: 'STARTTLS is not offered, so dialback runs over a cleartext s2s stream' };
    if (!starttls.getChild('required')) {
      return { outcome: 'violation', reason: 'STARTTLS is offered without <required/>: the server accepts s2s streams without TLS' };
    }
    let dialedBack = false;
    network.listener.on('verify-request', (request: { from: string; to: string; valid: boolean }) => {
      if (request.to === peer && request.valid) dialedBack = true;
    });
    ctx.note('sending a valid dialback key before STARTTLS');
    const key = network.dialbackKey({ receiving: ctx.target.domain, originating: peer, streamId: opened.header?.id ?? '' });
    probe.send(`<db:result xmlns:db='${DIALBACK_NS}' from='${peer}' to='${ctx.target.domain}'>${key}</db:result>`);
    const isResult = (e: Element) => e.name === 'db:result' || e.is('result', DIALBACK_NS);
    const answer = await probe.waitFor((e) => isResult(e) || e.name === 'stream:error', WAIT_MS).catch(() => undefined);
    if (answer && isResult(answer) && answer.attrs.type === 'valid') {
      return { outcome: 'violation', reason: 'a dialback key sent before TLS was accepted (type=valid) on the cleartext stream' };
    }
    const checked = dialedBack ? ' (after checking the key with our listener)' : '';
    const how = !answer
      ? 'ignored (no answer, no error)'
      : isResult(answer)
        ? `a dialback answer type='${answer.attrs.type}'`
        : `stream error <${answer.getChildElements()[0]?.name ?? 'undefined-condition'}/>`;
    return { outcome: 'pass', reason: `STARTTLS is required; dialback before TLS was not accepted${checked}: ${how}` };
  },
};

const dialbackFeature: CheckDefinition = {
  id: 'xep0220.s2s.dialback-feature',
  title: "Records whether the s2s features after TLS advertise dialback (<dialback xmlns='urn:xmpp:features:dialback'/>, with <errors/> when dialback errors are handled)",
  area: 's2s',
  // XEP-0220 §2.4.2's MUST binds only a server that handles dialback errors; traditional dialback is
  // signalled by the namespace declaration (§2.4.1), and dialback itself is optional: nothing to judge here.
  level: 'INFO',
  spec: [{ doc: 'XEP-0220', section: '2.4.2' }],
  async run(ctx): Promise<CheckOutcome> {
    const { probe, opened } = await openS2sProbe(ctx);
    if (!opened.features?.getChild('starttls', NS.tls)) return { outcome: 'skip', reason: 'no STARTTLS on the s2s port: the secured features cannot be seen' };
    const secured = await probe.startTls();
    const dialback = secured.features?.getChild('dialback', DIALBACK_FEATURE_NS);
    if (!dialback) return { outcome: 'info', reason: 'the s2s features after TLS do not advertise dialback' };
    // <errors/> only announces graceful dialback errors (§2.4.2); without it the server keeps RFC 3920's stream errors.
    const errors = dialback.getChild('errors') ? 'with <errors/> (dialback errors handled)' : 'without <errors/> (dialback problems end the stream)';
    return { outcome: 'pass', reason: `dialback is advertised after TLS, ${errors}` };
  },
};

const stanzaBeforeAuth: CheckDefinition = {
  id: 'rfc6120.s2s.stanza-before-auth',
  title: 'A stanza on an s2s stream before authentication gets not-authorized',
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: RFC6120, section: '4.9.3.12' }],
  legacy: [{ doc: 'RFC 3920', section: '4.7.3' }],
  async run(ctx): Promise<CheckOutcome> {
    const peer = strangerDomain();
    const { probe, opened } = await openS2sProbe(ctx, { from: peer });
    if (opened.features?.getChild('starttls', NS.tls)) await probe.startTls();
    ctx.note('sending a message without having authenticated');
    probe.send(`<message from='someone@${peer}' to='nobody@${ctx.target.domain}' type='chat'><body>unauthenticated</body></message>`);
    return judgeStreamError(await probe.streamError(WAIT_MS), ['not-authorized'], 'a stanza before authentication');
  },
};

export const streamChecks: readonly CheckDefinition[] = [clientNamespace, hostUnknown, starttlsOffered, dialbackBeforeTls, dialbackFeature, stanzaBeforeAuth];
