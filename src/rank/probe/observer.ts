/**
 * The observer domain rank plays towards every host: one s2s peer network (docs/federation.md)
 * whose listener answers dial-backs and receives the hosts' replies, and which learns each
 * host's s2s address as it is probed. The caller starts it once per run (CLI: the --peer-*
 * options; tests: the lab CA and DNS) and closes it at the end.
 */
import tls from 'node:tls';
import { PeerNetwork, type Authority, type CertificateIssuer, type DnsPublisher, type PeerAuth, type PeerCredentials } from '../../s2s/index.js';

export interface RankObserverOptions {
  /** The observer domain; the hosts must resolve it to the listener (lab DNS, or the operator's records). */
  domain: string;
  /** Issues the observer's certificate (the tool's peer CA), unless `credentials` are given. */
  issuer: CertificateIssuer;
  /** The operator's own certificate and key for the domain (PEM). */
  credentials?: PeerCredentials;
  /** CAs trusted for the hosts' certificates; default the system roots. */
  trustedCaPems?: string[];
  /** Publishes the observer domain (lab/embedded DNS); real DNS needs no publisher. */
  dns?: DnsPublisher;
  listen?: { host?: string; port?: number };
  publicHost?: string;
  /** How the inventory link authenticates; default dialback (works without the host trusting our CA). */
  auth?: PeerAuth;
  timeoutMs?: number;
}

export class RankObserver {
  readonly domain: string;
  readonly network: PeerNetwork;
  readonly #where: Map<string, Authority>;

  private constructor(domain: string, network: PeerNetwork, where: Map<string, Authority>) {
    this.domain = domain;
    this.network = network;
    this.#where = where;
  }

  static async start(options: RankObserverOptions): Promise<RankObserver> {
    const domain = options.domain.toLowerCase();
    const where = new Map<string, Authority>();
    const network = await PeerNetwork.start({
      domains: [domain],
      target: { domains: [], locate: (d) => where.get(d), caPem: (options.trustedCaPems ?? tls.rootCertificates).join('\n') },
      issuer: options.issuer,
      auth: options.auth ?? 'dialback',
      listen: options.listen,
      publicHost: options.publicHost,
      dns: options.dns,
      providedCertificates: options.credentials ? new Map([[domain, options.credentials]]) : undefined,
      // The observer learns whether a host requires TLS; it never sends anything but disco and version queries.
      requireTls: false,
      autoAnswer: false,
      timeoutMs: options.timeoutMs,
    });
    return new RankObserver(domain, network, where);
  }

  /** Where `domain`'s s2s service is, for the rest of the run (entries given by host/port). */
  locate(domain: string, authority: Authority): void {
    this.#where.set(domain.toLowerCase(), authority);
  }

  close(): Promise<void> {
    return this.network.close();
  }
}
