/**
 * A set of simulated peer domains against one target: the shared listener (inbound), one
 * authenticated outbound link per (peer domain, target domain) made on first use, and the
 * remote users `user{n}@peer` who receive what the target delivers and answer subscription
 * requests and presence probes like a real contact would.
 */
import { EventEmitter } from 'node:events';
import { xml, type Element, type WireListener } from '../xmpp/index.js';
import { dialbackKey, newDialbackSecret, type DialbackKeyInput } from './dialback-key.js';
import { S2sListener } from './listener.js';
import { connectOutbound, openPeerStream, type OpenedStream, type OutboundLink, type PeerAuth } from './outbound.js';
import { PeerCertificates, type CertificateIssuer, type PeerCredentials } from './peer-certificates.js';
import { publishPeerDomains, type DnsPublisher } from './peer-dns.js';
import { resolveS2s } from './resolve.js';
import type { Authority } from './verify-with-authority.js';

export interface PeerTarget {
  /** The target's domains (lab servers have two). */
  domains: readonly string[];
  /** Its s2s address; without it, found through SRV. */
  s2s?: Authority;
  /** Addresses of further domains the caller knows (rank's observer meets many hosts); SRV otherwise. */
  locate?: (domain: string) => Authority | undefined;
  /** PEM of the CA that issued the target's certificate (the lab CA); system roots otherwise. */
  caPem?: string;
}

export interface PeerNetworkOptions {
  domains: readonly string[];
  target: PeerTarget;
  /** Issues the peers' certificates; the target must trust its CA for SASL EXTERNAL. */
  issuer: CertificateIssuer;
  auth: PeerAuth;
  listen?: { host?: string; port?: number };
  /** The listener's address as the target dials it (DNS answers); default the listen host, else 127.0.0.1. */
  publicHost?: string;
  /** When given (lab targets), peer domains are published there for the listener's lifetime. */
  dns?: DnsPublisher;
  /** The operator's certificates for some peer domains (the others get one from `issuer`). */
  providedCertificates?: ReadonlyMap<string, PeerCredentials>;
  /** Default true. */
  requireTls?: boolean;
  /** Default true: remote users approve subscription requests and answer probes. */
  autoAnswer?: boolean;
  timeoutMs?: number;
  /** Called after close (e.g. to stop the embedded DNS serving the peers). */
  onClose?: () => Promise<void>;
  /** A wire listener per stream label: the s2s traffic both ways (check wire logs). */
  wire?: (conn: string) => WireListener;
}

export interface LinkEvent {
  link: OutboundLink;
}

export class PeerNetwork extends EventEmitter {
  readonly domains: readonly string[];
  readonly listener: S2sListener;
  readonly certificates: PeerCertificates;
  readonly #options: PeerNetworkOptions;
  readonly #secret: string;
  readonly #links = new Map<string, Promise<OutboundLink>>();
  readonly #unpublish?: () => void;

  private constructor(options: PeerNetworkOptions, listener: S2sListener, certificates: PeerCertificates, secret: string) {
    super();
    this.domains = options.domains.map((d) => d.toLowerCase());
    this.#options = options;
    this.listener = listener;
    this.certificates = certificates;
    this.#secret = secret;
    if (options.dns) {
      const host = options.publicHost ?? (options.listen?.host && options.listen.host !== '0.0.0.0' ? options.listen.host : '127.0.0.1');
      this.#unpublish = publishPeerDomains(options.dns, this.domains, { host, port: listener.address.port });
    }
  }

  static async start(options: PeerNetworkOptions): Promise<PeerNetwork> {
    const domains = new Set(options.domains.map((d) => d.toLowerCase()));
    const certificates = new PeerCertificates(options.issuer, options.target.caPem ? [options.target.caPem] : [], options.providedCertificates);
    // Issuing signs with a pure-JS RSA key: done now, not in the middle of a measured handshake.
    for (const domain of domains) certificates.serverContext(domain);
    const secret = newDialbackSecret();
    let network: PeerNetwork | undefined;
    const listener = await S2sListener.start({
      ...options.listen,
      isPeerDomain: (domain) => domains.has(domain.toLowerCase()),
      secret,
      certificates,
      authorityFor: async (domain) => authority(options.target, domain),
      requireTls: options.requireTls,
      timeoutMs: options.timeoutMs,
      wire: options.wire,
      deliver: (stanza) => network?.deliverToRemoteUsers(stanza),
    });
    network = new PeerNetwork(options, listener, certificates, secret);
    return network;
  }

  /** `user{n}@domain` for the n-th remote user (1-based) of the i-th peer domain (0-based). */
  userJid(domainIndex: number, n: number): string {
    return `user${n}@${this.domains[domainIndex % this.domains.length]}`;
  }

  /**
   * The authenticated link from `peerDomain` to `targetDomain`, connected on first use; `auth`
   * overrides the network's method (rank's observer uses EXTERNAL where a host refuses dialback).
   */
  link(peerDomain: string, targetDomain: string, auth: PeerAuth = this.#options.auth): Promise<OutboundLink> {
    const key = `${peerDomain.toLowerCase()} ${targetDomain.toLowerCase()} ${auth}`;
    let link = this.#links.get(key);
    if (!link) {
      link = this.#connect(peerDomain.toLowerCase(), targetDomain.toLowerCase(), auth);
      this.#links.set(key, link);
      // A failed or closed link is made again on next use.
      link.then(
        (made) => made.stream.once('ended', () => this.#links.get(key) === link && this.#links.delete(key)),
        () => this.#links.delete(key),
      );
    }
    return link;
  }

  /**
   * A stream from a peer domain to the target, secured but not authenticated, for conformance
   * checks that drive dialback or EXTERNAL by hand. The caller closes it.
   */
  async openStream(peerDomain: string, targetDomain: string, options: { tls?: boolean; auth?: PeerAuth } = {}): Promise<OpenedStream> {
    const where = await authority(this.#options.target, targetDomain);
    return openPeerStream({
      peerDomain,
      targetDomain,
      host: where.host,
      port: where.port,
      auth: options.auth ?? this.#options.auth,
      secret: this.#secret,
      certificates: this.certificates,
      tls: options.tls,
      timeoutMs: this.#options.timeoutMs,
      wire: this.#options.wire?.(`s2s-out ${peerDomain}→${targetDomain}`),
    });
  }

  /** The dialback key our peers would send (and our listener accepts) for `input`. */
  dialbackKey(input: DialbackKeyInput): string {
    return dialbackKey(this.#secret, input);
  }

  /** Sends a stanza from a remote user; its `from` and `to` pick the link. */
  async send(stanza: Element, auth?: PeerAuth): Promise<void> {
    const from = domainOf(stanza.attrs.from ?? '');
    const to = domainOf(stanza.attrs.to ?? '');
    if (!this.domains.includes(from)) throw new Error(`${stanza.attrs.from} is not a simulated remote user`);
    const link = await this.link(from, to, auth);
    link.send(stanza);
  }

  /** Resolves with the first stanza delivered to our remote users that matches. */
  waitFor(predicate: (stanza: Element) => boolean, timeoutMs: number): Promise<Element> {
    return new Promise((resolve, reject) => {
      const onStanza = (stanza: Element) => {
        if (!predicate(stanza)) return;
        clearTimeout(timer);
        this.off('stanza', onStanza);
        resolve(stanza);
      };
      const timer = setTimeout(() => {
        this.off('stanza', onStanza);
        reject(new Error(`no matching stanza reached the remote users within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('stanza', onStanza);
    });
  }

  async close(): Promise<void> {
    this.#unpublish?.();
    const links = await Promise.allSettled([...this.#links.values()]);
    for (const settled of links) if (settled.status === 'fulfilled') settled.value.close();
    this.#links.clear();
    await this.listener.close();
    await this.#options.onClose?.();
  }

  async #connect(peerDomain: string, targetDomain: string, auth: PeerAuth): Promise<OutboundLink> {
    const where = await authority(this.#options.target, targetDomain);
    const link = await connectOutbound({
      peerDomain,
      targetDomain,
      host: where.host,
      port: where.port,
      auth,
      secret: this.#secret,
      certificates: this.certificates,
      allowCleartext: this.#options.requireTls === false,
      timeoutMs: this.#options.timeoutMs,
      wire: this.#options.wire?.(`s2s-out ${peerDomain}→${targetDomain}`),
    });
    this.emit('link', { link } satisfies LinkEvent);
    return link;
  }

  /** Called by the listener for each stanza the target delivers to a remote user. */
  deliverToRemoteUsers(stanza: Element): void {
    this.emit('stanza', stanza);
    if (this.#options.autoAnswer !== false) this.#answer(stanza);
  }

  /** What a real contact's server would do for it: approve subscriptions, answer probes. */
  #answer(stanza: Element): void {
    if (stanza.name !== 'presence') return;
    const { from, to, type } = stanza.attrs;
    if (!from || !to) return;
    const reply = (attrs: Record<string, string>) => void this.send(xml('presence', { from: bare(to), to: bare(from), ...attrs })).catch(() => undefined);
    if (type === 'subscribe') reply({ type: 'subscribed' });
    else if (type === 'probe') reply({});
  }
}

async function authority(target: PeerTarget, domain: string): Promise<Authority> {
  const located = target.locate?.(domain.toLowerCase());
  if (located) return located;
  if (target.s2s && target.domains.some((d) => d.toLowerCase() === domain.toLowerCase())) return target.s2s;
  return resolveS2s(domain);
}

function bare(jid: string): string {
  return jid.split('/')[0]!;
}

export function domainOf(jid: string): string {
  const b = bare(jid);
  return b.slice(b.indexOf('@') + 1).toLowerCase();
}
