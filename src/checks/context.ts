/**
 * The CheckContext one check runs with: its accounts, its connections (all wire-logged into
 * this check's log) and the barrier. `dispose()` closes everything the check opened.
 */
import { performance } from 'node:perf_hooks';
import { openRawProbe, openSession, type RawProbe, type Session, type SessionOptions, type WireDirection } from '../xmpp/index.js';
import { BoshProbe } from '../xmpp/bosh-probe.js';
import { randomBytes } from 'node:crypto';
import { PeerNetwork, type CertificateIssuer, type DnsPublisher, type PeerCredentials } from '../s2s/index.js';
import type { AccountProvider } from './accounts.js';
import { WireLog } from './wire-log.js';
import type { CheckAccount, CheckContext, CheckProfile, CheckTarget, PeerRequest, RawOpenOptions, WireEntry } from './types.js';

/** What simulated s2s peers need from the run: a CA the target trusts, and DNS for lab targets. */
export interface PeerSupport {
  issuer: CertificateIssuer;
  dns?: DnsPublisher;
  /** Targets the tool did not start: where the listener binds and the address the target dials. */
  listen?: { host: string; port: number };
  publicHost?: string;
  provided?: ReadonlyMap<string, PeerCredentials>;
  /** Why checks needing peers cannot run (a failed federation pre-flight), said as their skip reason. */
  unavailable?: string;
}

/** s2s traffic (links, dial-backs, retries) is bounded per check: entries, and characters per entry. */
const S2S_WIRE_ENTRIES = 400;
const S2S_WIRE_CHARS = 4096;

export interface ContextParams {
  target: CheckTarget;
  profile: CheckProfile;
  accounts: AccountProvider;
  signal: AbortSignal;
  /** Per-operation limit for logins and probe reads. */
  timeoutMs: number;
  peers?: PeerSupport;
}

export class RunningCheckContext implements CheckContext {
  readonly target: CheckTarget;
  readonly profile: CheckProfile;
  readonly signal: AbortSignal;
  readonly accountSource: 'lab' | 'register' | 'supplied';
  readonly #wireLog = new WireLog();
  readonly #params: ContextParams;
  readonly #started = performance.now();
  readonly #sessions = new Set<Session>();
  readonly #probes = new Set<RawProbe>();
  readonly #peerNetworks = new Set<PeerNetwork>();
  readonly #boshProbes = new Set<BoshProbe>();
  #accountsTaken = 0;
  #s2sWireEntries = 0;
  #connections = 0;

  /** Every chunk sent and received and every note, within the wire-log budget. */
  get wire(): WireEntry[] {
    return this.#wireLog.entries;
  }

  constructor(params: ContextParams) {
    this.accountSource = params.accounts.kind;
    this.#params = params;
    this.target = params.target;
    this.profile = params.profile;
    this.signal = params.signal;
    // Only offered when the run can make peers (the runner skips `needs.peers` checks otherwise).
    if (!params.peers) this.peers = undefined;
  }

  peers?: (request?: PeerRequest) => Promise<PeerNetwork> = async (request = {}) => {
    this.#throwIfAborted();
    const { target, peers, timeoutMs } = this.#params;
    if (!peers) throw new Error('this run cannot make simulated s2s peers');
    if (target.s2sPort === undefined) throw new Error('no s2s port is known for this target');
    // A fresh domain per check: the target's cached s2s links never carry over between checks.
    const domains = request.domains ?? [`chk-${randomBytes(4).toString('hex')}.gauntlet.example`];
    const network = await PeerNetwork.start({
      domains,
      target: { domains: [target.domain, ...(target.otherDomain ? [target.otherDomain] : [])], s2s: { host: target.host, port: target.s2sPort }, caPem: target.caPem },
      issuer: peers.issuer,
      auth: request.auth ?? 'dialback',
      dns: peers.dns,
      listen: peers.listen,
      publicHost: peers.publicHost,
      providedCertificates: peers.provided,
      timeoutMs,
      wire: (conn) => this.#s2sLogger(conn),
    });
    this.#peerNetworks.add(network);
    this.note(`simulated peer ${domains.join(', ')} (${request.auth ?? 'dialback'}), listener on ${network.listener.address.host}:${network.listener.address.port}`);
    return network;
  };

  account(): Promise<CheckAccount> {
    return this.#params.accounts.account(this.#accountsTaken++);
  }

  async login(account: CheckAccount, options: Partial<Omit<SessionOptions, 'username' | 'password' | 'domain'>> = {}): Promise<Session> {
    this.#throwIfAborted();
    const { target, timeoutMs } = this.#params;
    const conn = `${account.username}/${++this.#connections}`;
    const direct = options.tls === 'direct';
    const session = await openSession({
      host: target.host,
      port: direct ? target.directTlsPort : target.port,
      tls: 'starttls',
      ca: target.caPem,
      timeoutMs,
      ...options,
      domain: account.domain,
      username: account.username,
      password: account.password,
      wire: this.#logger(conn),
    });
    this.#sessions.add(session);
    return session;
  }

  async raw(options: RawOpenOptions = {}): Promise<RawProbe> {
    this.#throwIfAborted();
    const { target, timeoutMs } = this.#params;
    const label = options.label ?? `raw#${++this.#connections}`;
    const port = options.port ?? (options.directTls ? target.directTlsPort : target.port);
    if (port === undefined) throw new Error('no direct-TLS port is known for this target');
    const probe = await openRawProbe({
      domain: target.domain,
      host: target.host,
      port,
      directTls: options.directTls,
      ca: target.caPem,
      label,
      timeoutMs: Math.min(timeoutMs, 5000),
      wire: this.#logger(label),
    });
    this.#probes.add(probe);
    return probe;
  }

  bosh(label = `bosh#${++this.#connections}`): BoshProbe {
    this.#throwIfAborted();
    const { target, timeoutMs } = this.#params;
    const url = target.http?.bosh;
    if (!url) throw new Error('no BOSH endpoint is known for this target');
    // The target's address stands for its domain only: a BOSH URL on another host name resolves itself.
    const named = [target.domain, target.otherDomain].includes(new URL(url).hostname);
    const probe = new BoshProbe({ url, ca: target.caPem, host: named ? target.host : undefined, timeoutMs: Math.min(timeoutMs, 5000), signal: this.signal, wire: this.#logger(label) });
    this.#boshProbes.add(probe);
    return probe;
  }

  note(text: string): void {
    this.#wireLog.add({ atMs: this.#elapsed(), dir: 'note', conn: '', text });
  }

  async barrier(session: Session): Promise<void> {
    const to = session.jid.toString();
    await session.iq(`<iq type='get' to='${to}' id='barrier-${++this.#connections}'><ping xmlns='urn:xmpp:ping'/></iq>`);
  }

  /** Closes every session and probe the check opened (politely, bounded in time). */
  async dispose(): Promise<void> {
    for (const probe of this.#probes) probe.close();
    await Promise.all([...this.#boshProbes].map((probe) => probe.close()));
    await Promise.all([...this.#peerNetworks].map((network) => network.close().catch(() => undefined)));
    await Promise.all([...this.#sessions].map((session) => session.close(2000).catch(() => undefined)));
  }

  #logger(conn: string): (dir: WireDirection, text: string) => void {
    return (dir, text) => this.#wireLog.add({ atMs: this.#elapsed(), dir, conn, text });
  }

  #s2sLogger(conn: string): (dir: WireDirection, text: string) => void {
    return (dir, text) => {
      const taken = this.#s2sWireEntries++;
      if (taken === S2S_WIRE_ENTRIES) this.note(`s2s wire log stops here (${S2S_WIRE_ENTRIES} entries)`);
      if (taken >= S2S_WIRE_ENTRIES) return;
      const cut = text.length > S2S_WIRE_CHARS ? `${text.slice(0, S2S_WIRE_CHARS)}… (${text.length} characters)` : text;
      this.#wireLog.add({ atMs: this.#elapsed(), dir, conn, text: cut });
    };
  }

  #elapsed(): number {
    return Math.round((performance.now() - this.#started) * 10) / 10;
  }

  #throwIfAborted(): void {
    if (this.signal.aborted) throw new Error('the check was stopped (timeout or interrupt)');
  }
}
