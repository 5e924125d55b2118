/**
 * A FAKE s2s server on loopback for the dialback-error and SASL EXTERNAL rules: STARTTLS with a
 * certificate from the lab CA, then dialback with <errors/>, and EXTERNAL offered only to a peer
 * whose client certificate names its 'from' (XEP-0178 §3). It grants dialback to nobody; an IQ
 * arriving after EXTERNAL is answered with an error, sent back over its own stream to the peer's
 * listener (RFC 6121 §8.5.1). Each quirk breaks exactly one rule, to show what no lab server does.
 */
import { once } from 'node:events';
import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import type { Test } from 'tap';
import type { LabDns } from '../../../src/lab/dns.js';
import { PeerCertificates, type CertificateIssuer, type PeerCredentials } from '../../../src/s2s/index.js';

export type S2sFakeQuirk =
  /** A db:result to a domain it does not host ends the stream (host-unknown) instead of a dialback error. */
  | 'close-on-unknown-target'
  /** EXTERNAL is offered and granted whatever domain the client certificate names. */
  | 'external-for-any-certificate'
  /** An IQ to a user it does not have is answered with item-not-found instead of service-unavailable. */
  | 'missing-user-item-not-found';

export const FAKE_S2S_DOMAIN = 'fake-s2s-tls.example';
const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';
const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';
const header = (id: string, domain: string) =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' ` +
  `xmlns:db='jabber:server:dialback' id='${id}' from='${domain}' version='1.0'>`;

/** Reads a socket as text and hands out what matches, in order. */
function reader(socket: net.Socket) {
  let unread = '';
  const wakers: Array<() => void> = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => ((unread += chunk), wakers.splice(0).forEach((w) => w())));
  socket.on('close', () => wakers.splice(0).forEach((w) => w()));
  return async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const match = pattern.exec(unread);
      if (match) {
        unread = unread.slice(match.index + match[0].length);
        return match;
      }
      if (socket.destroyed) throw new Error(`closed before ${pattern}`);
      await new Promise<void>((resolve) => wakers.push(resolve));
    }
  };
}

const FEATURES_END = /<\/stream:features>|<stream:features\/>/;

/** Dials the peer's listener (SRV from the lab DNS) as `from` and secures the stream (a client certificate for EXTERNAL). */
async function dialPeer(issuer: CertificateIssuer, dns: LabDns, from: string, peer: string) {
  const credentials: PeerCredentials = new PeerCertificates(issuer).credentials(from);
  const resolver = new Resolver();
  resolver.setServers([`${dns.address}:${dns.port}`]);
  const [srv] = await resolver.resolveSrv(`_xmpp-server._tcp.${peer}`);
  const raw = net.connect({ host: '127.0.0.1', port: srv!.port });
  await once(raw, 'connect');
  const open = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' from='${from}' to='${peer}' version='1.0'>`;
  const plain = reader(raw);
  raw.write(open);
  await plain(FEATURES_END);
  raw.write(`<starttls xmlns='${TLS_NS}'/>`);
  await plain(/<proceed[^>]*\/>/);
  raw.removeAllListeners('data');
  const secure = tls.connect({ socket: raw, servername: peer, ca: [issuer.certPem], ...credentials });
  await once(secure, 'secureConnect');
  const next = reader(secure);
  secure.write(open);
  await next(FEATURES_END);
  return { secure, next, open };
}

/** Sends `stanza` to the peer's listener after authenticating with EXTERNAL. */
export async function sendToPeer(issuer: CertificateIssuer, dns: LabDns, from: string, peer: string, stanza: string): Promise<void> {
  const { secure, next, open } = await dialPeer(issuer, dns, from, peer);
  secure.write(`<auth xmlns='${SASL_NS}' mechanism='EXTERNAL'>${Buffer.from(from).toString('base64')}</auth>`);
  await next(/<success[^>]*\/>|<\/success>/);
  secure.write(open);
  await next(FEATURES_END);
  secure.end(`${stanza}</stream:stream>`);
}

/**
 * Offers the peer's listener a dialback key (a made-up one: only the listener's answer matters here)
 * and sends `stanza` once it says valid; resolves with the type it answered.
 */
export async function dialbackToPeer(issuer: CertificateIssuer, dns: LabDns, from: string, peer: string, stanza: string): Promise<string> {
  const { secure, next } = await dialPeer(issuer, dns, from, peer);
  secure.write(`<db:result from='${from}' to='${peer}'>fake-key</db:result>`);
  const [answer] = await next(/<db:result[^>]*>/);
  const type = /type=['"]([^'"]+)['"]/.exec(answer)?.[1] ?? 'none';
  secure.end(type === 'valid' ? `${stanza}</stream:stream>` : '</stream:stream>');
  return type;
}

/** `domain`: the domain it serves (another fake's, to be that fake's s2s side); it answers no db:verify. */
export async function startFakeS2sServer(t: Test, issuer: CertificateIssuer, dns: LabDns, quirks: S2sFakeQuirk[] = [], domain = FAKE_S2S_DOMAIN): Promise<number> {
  const credentials = new PeerCertificates(issuer).credentials(domain);
  let streams = 0;
  const sockets = new Set<net.Socket>();

  const serve = async (raw: net.Socket) => {
    const plain = reader(raw);
    await plain(/<stream:stream[^>]*>/);
    raw.write(`${header(`plain-${++streams}`, domain)}<stream:features><starttls xmlns='${TLS_NS}'><required/></starttls></stream:features>`);
    await plain(/<starttls[^>]*\/>/);
    raw.removeAllListeners('data');
    raw.write(`<proceed xmlns='${TLS_NS}'/>`);
    const secure = new tls.TLSSocket(raw, { isServer: true, ...credentials, requestCert: true, rejectUnauthorized: false });
    secure.on('error', () => raw.destroy());
    const next = reader(secure);
    const opened = await next(/<stream:stream[^>]*>/);
    const from = /from=['"]([^'"]+)['"]/.exec(opened[0])?.[1] ?? '';
    const names = (secure.getPeerCertificate().subjectaltname ?? '').split(', ');
    const external = names.includes(`DNS:${from}`) || quirks.includes('external-for-any-certificate');
    const mechanisms = external ? `<mechanisms xmlns='${SASL_NS}'><mechanism>EXTERNAL</mechanism></mechanisms>` : '';
    secure.write(`${header(`secure-${++streams}`, domain)}<stream:features><dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback>${mechanisms}</stream:features>`);
    for (;;) {
      const [element] = await next(/<auth[^>]*>[^<]*<\/auth>|<db:result[^>]*>[^<]*<\/db:result>|<stream:stream[^>]*>|<iq[^>]*>[^]*?<\/iq>|<\/stream:stream>/);
      if (element.startsWith('</')) return void secure.end('</stream:stream>');
      if (element.startsWith('<stream:stream')) {
        secure.write(`${header(`sasl-${++streams}`, domain)}<stream:features/>`);
        continue;
      }
      if (element.startsWith('<iq')) {
        const attr = (name: string) => new RegExp(`${name}=['"]([^'"]+)['"]`).exec(element)?.[1] ?? '';
        const condition = quirks.includes('missing-user-item-not-found') ? 'item-not-found' : 'service-unavailable';
        const answer = `<iq type='error' from='${attr('to')}' to='${attr('from')}' id='${attr('id')}'><error type='cancel'><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`;
        await sendToPeer(issuer, dns, domain, attr('from').replace(/^[^@]*@/, '').replace(/\/.*$/, ''), answer);
        continue;
      }
      if (element.startsWith('<auth')) {
        secure.write(external ? `<success xmlns='${SASL_NS}'/>` : `<failure xmlns='${SASL_NS}'><not-authorized/></failure>`);
        continue;
      }
      const to = /to=['"]([^'"]+)['"]/.exec(element)?.[1];
      const peer = /from=['"]([^'"]+)['"]/.exec(element)?.[1];
      if (to === domain) continue; // this fake authenticates nobody: no answer
      if (quirks.includes('close-on-unknown-target')) {
        return void secure.end(`<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`);
      }
      secure.write(`<db:result from='${to}' to='${peer}' type='error'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></db:result>`);
    }
  };

  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on('error', () => undefined);
    raw.on('close', () => sockets.delete(raw));
    serve(raw).catch(() => raw.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}
