/** B5, B6: direct TLS (XEP-0368) — TLS from the first byte, SNI picks the right certificate, ALPN is fine. */
import { mechanismsOf, offersStartTls } from '../sasl/stream-steps.js';
import type { CheckDefinition } from '../types.js';
import { handshake, ports } from './handshake.js';
import { handshakeProblem } from './handshake-blame.js';

const directTls: CheckDefinition = {
  id: 'xep0368.tls.direct-tls',
  title: 'The direct-TLS port starts TLS at once and offers no STARTTLS inside it',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'XEP-0368', section: '3' }],
  tags: ['tls', 'direct-tls'],
  needs: { directTls: true },
  async run(ctx) {
    let probe;
    try {
      probe = await ctx.raw({ directTls: true });
    } catch (error) {
      if ((error as Error).name === 'XmppConnectError') return { outcome: 'violation', reason: `no TLS handshake on the direct-TLS port: ${(error as Error).message}` };
      throw error;
    }
    const { features, error } = await probe.open();
    if (!features) return { outcome: 'violation', reason: `no stream features inside direct TLS (${error?.condition ?? 'nothing arrived'})` };
    if (offersStartTls(features)) return { outcome: 'violation', reason: 'STARTTLS is offered inside a direct-TLS connection' };
    const socket = probe.tlsSocket;
    const mechanisms = mechanismsOf(features);
    return {
      outcome: 'pass',
      reason: `${socket?.getProtocol() ?? 'TLS'} from the first byte (ALPN: ${socket?.alpnProtocol || 'none selected'}); no STARTTLS inside; mechanisms: ${mechanisms.join(', ') || 'none'}`,
    };
  },
};

const sniCertificate: CheckDefinition = {
  id: 'xep0368.tls.sni-certificate',
  title: 'With SNI naming a hosted domain, the server presents a certificate valid for that domain',
  area: 'tls',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0368', section: '3' }, { doc: 'RFC 6120', section: '13.7.1.2' }],
  tags: ['tls', 'sni', 'certificate'],
  async run(ctx) {
    const domains = [ctx.target.domain, ...(ctx.target.otherDomain ? [ctx.target.otherDomain] : [])];
    const seen: string[] = [];
    for (const port of ports(ctx.target)) {
      for (const domain of domains) {
        const result = await handshake(ctx.target, { directTls: port.directTls, servername: domain });
        ctx.note(`${port.name}, SNI ${domain}: ${result.ok ? `certificate ${result.certificate.subjectaltname ?? result.certificate.subject.CN}` : `${result.stage}: ${result.error}`}`);
        if (!result.ok && result.stage === 'unverified') return { outcome: 'violation', reason: `${port.name}: SNI ${domain} got a certificate not valid for ${domain} (${result.error})` };
        if (!result.ok) throw handshakeProblem(result, `${port.name}, SNI ${domain}`);
        seen.push(`${domain} on ${port.name}`);
      }
    }
    return { outcome: 'pass', reason: `a valid certificate for each SNI name: ${seen.join('; ')}` };
  },
};

const alpnAccepted: CheckDefinition = {
  id: 'xep0368.tls.alpn-xmpp-client',
  title: "ALPN 'xmpp-client' on the direct-TLS port is accepted (selected or ignored, never refused)",
  area: 'tls',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0368', section: '3' }],
  tags: ['tls', 'direct-tls', 'alpn'],
  needs: { directTls: true },
  async run(ctx) {
    const result = await handshake(ctx.target, { directTls: true, alpn: ['xmpp-client'] });
    if (!result.ok && result.stage === 'refused') return { outcome: 'violation', reason: `the handshake offering ALPN xmpp-client was refused (${result.error})` };
    if (!result.ok) throw handshakeProblem(result);
    if (result.alpn && result.alpn !== 'xmpp-client') return { outcome: 'violation', reason: `the server selected ALPN '${result.alpn}' for an XMPP client` };
    return { outcome: 'pass', reason: result.alpn ? "the server selected ALPN 'xmpp-client'" : 'the server accepted the handshake and selected no ALPN protocol' };
  },
};

export const directTlsChecks: readonly CheckDefinition[] = [directTls, sniCertificate, alpnAccepted];
