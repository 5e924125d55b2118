/**
 * A FAKE c2s server on loopback for the TLS/SASL/bind check tests: STARTTLS (TLS 1.2, a
 * throwaway CA), SCRAM-SHA-1 and -PLUS (tls-unique) computed here, PLAIN, abort, bind with a
 * <conflict/> policy, and a retry limit of 3 failures. Each quirk breaks exactly one rule, to
 * show the edge cases real servers do not: a forged server signature, a nonce that does not
 * extend ours, two sessions on one full JID... It also routes messages between its sessions
 * (stamping 'from'), offers the optional RFC 3921 session IQ, and listens for direct TLS (XEP-0368).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { Test } from 'tap';
import { Parser, type Element } from '@xmpp/xml';
import type { LabDns } from '../../../src/lab/dns.js';
import type { CertificateIssuer } from '../../../src/s2s/index.js';
import { makePki } from '../xmpp/fixtures/pki.js';
import type { FakeQuirk } from './sasl-fake-quirks.js';
import { dialbackToPeer, sendToPeer } from './s2s-tls-fake-server.js';

export type { FakeQuirk } from './sasl-fake-quirks.js';

export const DOMAIN = 'a.example';
const USERS: Record<string, string> = { alice: 'alice-pw', bob: 'bob-pw' };
const SALT = Buffer.from('fake-salt');
const ITERATIONS = 64;
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

const domainOf = (jid: string) => jid.replace(/\/.*$/, '').replace(/^[^@]*@/, '');
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const hmac = (key: Buffer, text: string) => createHmac('sha1', key).update(text).digest();

export interface FakeXmppServer {
  port: number;
  /** The direct-TLS (XEP-0368) port. */
  directTlsPort: number;
  caPem: string;
  /** A CA that did not sign the server's certificate (an untrusted certificate). */
  otherCaPem: string;
}

/** With `s2s`, a subscription request to another domain is sent on to that domain's listener (SASL EXTERNAL). */
export async function startFakeXmppServer(t: Test, quirks: FakeQuirk[] = [], s2s?: { issuer: CertificateIssuer; dns: LabDns }): Promise<FakeXmppServer> {
  const has = (quirk: FakeQuirk) => quirks.includes(quirk);
  const pki = makePki(DOMAIN, has('sni-wrong-certificate') ? 'elsewhere.example' : undefined);
  const bound = new Set<string>();
  /** Bound full JIDs and how to write to them (message routing between the fake's sessions). */
  const sessions = new Map<string, (text: string) => void>();
  const sockets = new Set<net.Socket>();
  const limit = has('no-retry-limit') ? Infinity : has('close-after-first-failure') ? 1 : 3;

  const onConnection = (raw: net.Socket, direct?: tls.TLSSocket) => {
    sockets.add(raw);
    let socket: net.Socket = direct ?? raw;
    let secure: tls.TLSSocket | undefined = direct;
    let user: string | undefined;
    let me: string | undefined;
    let muted = false;
    let failures = 0;
    let scram: { user: string; gs2: string; plus: boolean; clientFirstBare: string; serverFirst: string } | undefined;
    const send = (text: string) => void (socket.destroyed || socket.write(text));
    const sasl = (name: string, inner = '') => send(`<${name} xmlns='${NS_SASL}'>${inner}</${name}>`);

    const features = () => {
      if (!secure && has('plain-before-tls')) return `<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><mechanisms xmlns='${NS_SASL}'><mechanism>PLAIN</mechanism></mechanisms>`;
      if (!secure) return `<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>`;
      if (!user) {
        const again = has('starttls-again') || (direct && has('direct-starttls-inside')) ? `<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>` : '';
        const register = has('registration-throttled') ? `<register xmlns='http://jabber.org/features/iq-register'/>` : '';
        return `${again}${register}${mechanisms()}`;
      }
      return `${has('mechanisms-after-success') ? mechanisms() : ''}<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>`;
    };

    const mechanisms = () => {
      if (has('no-mechanisms')) return '';
      const names = [...(has('no-scram-plus') ? [] : ['SCRAM-SHA-1-PLUS']), ...(has('no-scram-sha-1') ? [] : ['SCRAM-SHA-1']), 'PLAIN'];
      return `<mechanisms xmlns='${NS_SASL}'>${names.map((name) => `<mechanism>${name}</mechanism>`).join('')}</mechanisms>`;
    };

    const fail = (wanted: string) => {
      const condition = has('generic-sasl-failure') && wanted !== 'aborted' ? 'not-authorized' : wanted;
      sasl('failure', `<${condition}/>`);
      if (condition !== 'not-authorized' || ++failures < limit) return;
      send(`<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`);
      socket.end();
    };

    const succeed = (name: string, final = '') => {
      user = name;
      sasl('success', final && b64(final));
      listen();
    };

    const onAuth = (element: Element) => {
      const mechanism = element.attrs.mechanism;
      if (!secure && !has('cleartext-plain') && !has('plain-before-tls')) return fail('encryption-required');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(element.text())) return has('succeed-on-garbage') ? succeed('alice') : fail('incorrect-encoding');
      const text = Buffer.from(element.text(), 'base64').toString();
      if (mechanism === 'PLAIN') {
        const [authzid = '', name = '', password] = text.split('\0');
        if (USERS[name] !== password) return fail('not-authorized');
        const foreign = authzid !== '' && authzid !== `${name}@${DOMAIN}`;
        if (!foreign || has('ignore-authzid')) return succeed(name);
        return has('honour-authzid') ? succeed(authzid.split('@')[0]!) : fail('invalid-authzid');
      }
      if (mechanism !== 'SCRAM-SHA-1' && mechanism !== 'SCRAM-SHA-1-PLUS') return has('accept-unknown-mechanism') ? succeed('alice') : fail('invalid-mechanism');
      const [flag = '', authzid = ''] = text.split(',');
      if (!/^(n|y|p=[a-z-]+)$/.test(flag) || !/,n=[^,]+,r=/.test(text)) return has('succeed-on-garbage') ? succeed('alice') : fail('malformed-request');
      const plus = mechanism === 'SCRAM-SHA-1-PLUS';
      if (plus ? flag !== 'p=tls-unique' : flag.startsWith('p=')) return fail('malformed-request');
      // 'y' says "I could bind but you offered no -PLUS": this server offers -PLUS, so it is a downgrade.
      if (flag === 'y' && !has('accept-y')) return fail('not-authorized');
      const clientFirstBare = text.slice(flag.length + authzid.length + 2);
      const clientNonce = /r=([^,]+)/.exec(clientFirstBare)?.[1] ?? '';
      const nonce = has('bad-nonce') ? `other${randomBytes(6).toString('hex')}` : `${clientNonce}${randomBytes(6).toString('hex')}`;
      const serverFirst = `r=${nonce},s=${SALT.toString('base64')},i=${ITERATIONS}`;
      scram = { user: /n=([^,]+)/.exec(clientFirstBare)?.[1] ?? '', gs2: `${flag},${authzid},`, plus, clientFirstBare, serverFirst };
      sasl('challenge', b64(serverFirst));
    };

    const onResponse = (element: Element) => {
      const text = Buffer.from(element.text(), 'base64').toString();
      const state = scram;
      scram = undefined;
      const password = state && USERS[state.user];
      if (!state || password === undefined) return fail('not-authorized');
      const binding = state.plus && secure ? secure.getPeerFinished() ?? Buffer.alloc(0) : Buffer.alloc(0);
      const expectedC = b64(Buffer.concat([Buffer.from(state.gs2), binding]));
      if (/c=([^,]+)/.exec(text)?.[1] !== expectedC && !has('ignore-binding')) return fail('not-authorized');
      const withoutProof = text.replace(/,p=[^,]+$/, '');
      const authMessage = `${state.clientFirstBare},${state.serverFirst},${withoutProof}`;
      const salted = pbkdf2Sync(password, SALT, ITERATIONS, 20, 'sha1');
      const clientKey = hmac(salted, 'Client Key');
      const signature = hmac(createHash('sha1').update(clientKey).digest(), authMessage);
      const proof = Buffer.from(/,p=([^,]+)$/.exec(text)?.[1] ?? '', 'base64');
      const recovered = Buffer.from(proof.map((byte, i) => byte ^ signature[i]!));
      if (!recovered.equals(clientKey) && !has('accept-any-password')) return fail('not-authorized');
      const serverSignature = has('forge-signature') ? Buffer.alloc(20) : hmac(hmac(salted, 'Server Key'), authMessage);
      succeed(state.user, `v=${serverSignature.toString('base64')}`);
    };

    const onIq = (element: Element) => {
      const { id } = element.attrs;
      if (muted) return;
      // XEP-0077: registration runs before authentication.
      if (has('registration-throttled') && element.getChild('query', 'jabber:iq:register')) {
        return send(`<iq type='error' id='${id}'><error type='wait'><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
      }
      if (!user) {
        send(`<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`);
        return socket.end();
      }
      const bind = element.getChild('bind');
      if (!bind && has('roster-unavailable') && element.getChild('query', 'jabber:iq:roster')) {
        return send(`<iq type='error' id='${id}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
      }
      if (!bind && has('refuse-session') && element.getChild('session', 'urn:ietf:params:xml:ns:xmpp-session')) {
        return send(`<iq type='error' id='${id}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
      }
      if (!bind) return send(`<iq type='result' id='${id}'/>`);
      let resource = bind.getChildText('resource') || randomBytes(4).toString('hex');
      if (Buffer.byteLength(resource) > 1023 && !has('bind-long-resource')) {
        if (!has('replace-long-resource')) return send(`<iq type='error' id='${id}'><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
        resource = randomBytes(4).toString('hex');
      }
      const jid = `${user}@${DOMAIN}/${resource}`;
      if (has('bind-without-resource')) return send(`<iq type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>${user}@${DOMAIN}</jid></bind></iq>`);
      if (bound.has(jid) && !has('duplicate-bind')) {
        return send(`<iq type='error' id='${id}'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
      }
      bound.add(jid);
      me = jid;
      sessions.set(jid, send);
      socket.once('close', () => sessions.get(jid) === send && sessions.delete(jid));
      send(`<iq type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>${jid}</jid></bind></iq>`);
      if (has('stream-error-after-bind')) send(`<stream:error><internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`);
    };

    const onElement = (element: Element) => {
      if (element.name === 'starttls') {
        if (secure) return send(`<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>`);
        send(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
        // Answers the client's TLS hello with a cleartext stream header instead of a handshake.
        if (has('no-tls-after-proceed')) return void raw.once('data', () => send(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='${DOMAIN}' id='cleartext' version='1.0'>`));
        raw.removeAllListeners('data');
        const legacy = has('legacy-tls') ? { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const : has('weak-suites') ? { ciphers: 'ALL:eNULL:@SECLEVEL=0' } : {};
        const versions = has('tls13-only') ? ({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } as const) : ({ maxVersion: 'TLSv1.2' } as const);
        secure = new tls.TLSSocket(raw, { isServer: true, cert: pki.certPem, key: pki.keyPem, ...versions, ...legacy });
        socket = secure;
        secure.on('error', () => raw.destroy());
        return listen();
      }
      if (element.name === 'auth') return onAuth(element);
      if (element.name === 'response') return onResponse(element);
      if (element.name === 'abort') return has('silent-abort') ? undefined : sasl('failure', '<aborted/>');
      if (element.name === 'iq') return onIq(element);
      if (element.name === 'message' && me) return route(element, me);
      if (element.name === 'presence' && me && element.attrs.type === 'subscribe') return subscribe(element, me);
    };

    /** A fresh parser for each stream: the first, after TLS, after SASL. */
    const listen = () => {
      const parser = new Parser();
      parser.on('start', () => {
        send(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='${DOMAIN}' id='${randomBytes(6).toString('hex')}' version='1.0'>`);
        send(`<stream:features>${features()}</stream:features>`);
      });
      parser.on('element', onElement);
      parser.on('end', () => socket.end('</stream:stream>'));
      parser.on('error', () => socket.destroy());
      socket.removeAllListeners('data');
      socket.on('data', (data: Buffer) => {
        if (user && has('mute-after-whitespace') && /^\s/.test(data.toString())) muted = true;
        parser.write(data.toString());
      });
    };
    raw.on('error', () => undefined);
    listen();
  };

  /** RFC 6120 §8.1.2.1: the server stamps 'from' with the sender's full JID (unless a quirk breaks it). */
  const route = (element: Element, sender: string) => {
    const to = element.attrs.to ?? '';
    if (s2s && domainOf(to) !== DOMAIN) return void routeRemote(element, sender).catch(() => undefined);
    const deliver = sessions.get(to) ?? [...sessions].find(([jid]) => jid.startsWith(`${to}/`))?.[1];
    if (has('no-from-stamp') || (has('keep-forged-from') && element.attrs.from)) deliver?.(element.toString());
    else {
      element.attrs.from = sender;
      deliver?.(element.toString());
    }
  };

  /** XEP-0220 §2.1.1: a stanza for a remote domain waits for dialback; after invalid it goes back to its sender as an error. */
  const routeRemote = async (element: Element, sender: string) => {
    const to = element.attrs.to ?? '';
    element.attrs.from = sender;
    const answer = await dialbackToPeer(s2s!.issuer, s2s!.dns, DOMAIN, domainOf(to), element.toString());
    if (answer === 'valid' || has('no-bounce-after-invalid')) return;
    const id = element.attrs.id ? ` id='${element.attrs.id}'` : '';
    sessions.get(sender)?.(`<message type='error' from='${to}' to='${sender}'${id}><error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
  };

  /** RFC 6121 §3.1.2: the request leaves stamped with the sender's bare JID (unless a quirk breaks it). */
  const subscribe = (element: Element, sender: string) => {
    const domain = domainOf(element.attrs.to ?? '');
    if (!s2s || domain === DOMAIN || has('drop-remote-subscribe')) return;
    const from = has('subscribe-from-full-jid') ? sender : sender.replace(/\/.*$/, '');
    void sendToPeer(s2s.issuer, s2s.dns, DOMAIN, domain, `<presence type='subscribe' from='${from}' to='${element.attrs.to}'/>`).catch(() => undefined);
  };

  const server = net.createServer((raw) => onConnection(raw));
  const otherName = pki.otherName;
  const directServer = tls.createServer(
    {
      cert: pki.certPem,
      key: pki.keyPem,
      maxVersion: 'TLSv1.2',
      ...(otherName ? { SNICallback: (_name, done) => done(null, tls.createSecureContext({ cert: otherName.certPem, key: otherName.keyPem })) } : {}),
      ...(has('refuse-alpn') ? { ALPNCallback: () => undefined } : {}),
    },
    (secure) => onConnection(secure, secure),
  );
  directServer.on('tlsClientError', () => undefined);
  for (const listening of [server, directServer]) {
    listening.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
  }
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
    directServer.close();
  });
  const portOf = (listening: net.Server) => (listening.address() as net.AddressInfo).port;
  return { port: portOf(server), directTlsPort: portOf(directServer), caPem: pki.caPem, otherCaPem: pki.otherCaPem };
}
