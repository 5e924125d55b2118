/**
 * Simulated peers against a target the tool did not start (issue 11): the tool's CA or the
 * operator's certificates, how the target finds the peers (embedded DNS, hosts/aliases, real
 * DNS), what to tell the operator, and the federation pre-flight that must pass first.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  checkPeerDns,
  describeDiscovery,
  discoveryProblem,
  federationPreflight,
  operatorRecords,
  PeerNetwork,
  PreflightObserver,
  resolverConfigLines,
  type CertificateIssuer,
  type DnsPublisher,
  type PeerAuth,
  type PeerCredentials,
  type PeerDiscovery,
  type PeerTarget,
  type PreflightOutcome,
} from '../s2s/index.js';
import type { PeerSupport } from '../checks/index.js';
import { GauntletError } from '../util/errors.js';

/** Each leg's limit: a working federation answers in well under a second. */
export const PREFLIGHT_TIMEOUT_MS = 10_000;

export interface ExternalPeerSettings {
  discovery: PeerDiscovery;
  /** Where the listener binds (port 0: any, fine with the embedded DNS). */
  listen: { host: string; port: number };
  /** The listener's address as the target dials it; default the listen host. */
  publicHost?: string;
  /** Fixed peer domains (needed for hosts and dns; the embedded DNS makes fresh ones). */
  domains?: readonly string[];
  /** Operator-provided PEM files per peer domain. */
  certificates?: ReadonlyArray<{ domain: string; certFile: string; keyFile: string }>;
  auth: PeerAuth;
  /** Where the tool's peer CA lives (created on first use); default defaultPeerCaDir(). */
  caDir?: string;
}

/** $XDG_STATE_HOME/xmpp-gauntlet/peer-ca, else ~/.local/state/…: kept, so the target trusts it once. */
export function defaultPeerCaDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'xmpp-gauntlet', 'peer-ca');
}

export interface ExternalPeerEnvironment {
  issuer: CertificateIssuer;
  caFile: string;
  dns?: DnsPublisher;
  observer: PreflightObserver;
  provided: ReadonlyMap<string, PeerCredentials>;
  publicHost: string;
  close(): Promise<void>;
}

export function publicHostOf(settings: ExternalPeerSettings): string {
  return settings.publicHost ?? (settings.listen.host === '0.0.0.0' ? '127.0.0.1' : settings.listen.host);
}

/** Starts what the peers need and prints what the operator must have done (to `say`). */
export async function startExternalPeers(settings: ExternalPeerSettings, say: (line: string) => void): Promise<ExternalPeerEnvironment> {
  const publicHost = publicHostOf(settings);
  const problem = discoveryProblem(settings.discovery, { host: publicHost, port: settings.listen.port }, (settings.domains?.length ?? 0) > 0);
  if (problem) throw new GauntletError('config', `simulated peers: ${problem}`, { hint: 'see docs/federation.md' });
  const provided = new Map<string, PeerCredentials>();
  for (const { domain, certFile, keyFile } of settings.certificates ?? []) {
    provided.set(domain.toLowerCase(), { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8') });
  }
  // The lab module (node-forge, dns2) provides the tool's CA and the DNS server.
  const { persistentCa, startDnsServer } = await import('../lab/index.js');
  const issuer = await persistentCa(settings.caDir ?? defaultPeerCaDir());
  const observer = new PreflightObserver();
  const domains = settings.domains ?? [];
  const special = domains.filter((d) => /\.(test|invalid|localhost)$/.test(d));
  if (special.length > 0) say(`warning: ${special.join(', ')}: resolvers such as unbound (Prosody) answer .test/.invalid/.localhost themselves (RFC 6761); prefer .example or your own domain`);
  if (domains.length === 0 || domains.some((d) => !provided.has(d.toLowerCase()))) {
    say(`peers' certificates come from the tool's CA: the target must trust ${issuer.certFile}`);
  }
  const { discovery } = settings;
  let dns: Awaited<ReturnType<typeof startDnsServer>> | undefined;
  if (discovery.kind === 'embedded-dns') {
    dns = await startDnsServer(discovery.address, discovery.port, (question, answered) => observer.dnsQuestion(question.name, answered));
    say(`peer domains are answered by ${describeDiscovery(discovery)}; point the target's resolver there:`);
    for (const line of resolverConfigLines(discovery)) say(`  ${line}`);
  } else {
    const listener = { host: publicHost, port: settings.listen.port };
    say(`peer domains must lead the target to ${publicHost}:${settings.listen.port} (${describeDiscovery(discovery)}):`);
    for (const line of operatorRecords(discovery, domains, listener)) say(`  ${line}`);
    if (discovery.kind === 'dns') {
      const missing = await checkPeerDns(domains, { publicHost, port: settings.listen.port });
      if (missing.length > 0) throw new GauntletError('config', `the peer domains do not lead the target to the listener:\n  ${missing.join('\n  ')}`, { hint: 'publish the records above' });
    }
  }
  return { issuer, caFile: issuer.certFile, dns, observer, provided, publicHost, close: async () => dns?.close() };
}

export interface PreflightRequest {
  env: ExternalPeerEnvironment;
  settings: ExternalPeerSettings;
  target: PeerTarget & { s2s: { host: string; port: number } };
  targetDomain: string;
  timeoutMs: number;
}

/**
 * One round trip each way with a peer domain of its own where the embedded DNS can make one up,
 * else the first fixed one. Not a fixed one with the embedded DNS: the target would cache its
 * answer (the pre-flight listener's port) and dial that stale port again during the run.
 */
export async function runPreflight(request: PreflightRequest): Promise<PreflightOutcome> {
  const { env, settings, target } = request;
  const fresh = `preflight-${randomBytes(4).toString('hex')}.gauntlet.example`;
  const peerDomain = settings.discovery.kind === 'embedded-dns' ? fresh : (settings.domains?.[0] ?? fresh);
  const network = await PeerNetwork.start({
    domains: [peerDomain],
    target,
    issuer: env.issuer,
    providedCertificates: env.provided,
    auth: settings.auth,
    listen: settings.listen,
    publicHost: env.publicHost,
    dns: env.dns,
    timeoutMs: request.timeoutMs,
  });
  env.observer.watch(network);
  try {
    return await federationPreflight({
      network,
      observer: env.observer,
      peerDomain,
      targetDomain: request.targetDomain,
      targetS2s: `${target.s2s.host}:${target.s2s.port}`,
      auth: settings.auth,
      discovery: describeDiscovery(settings.discovery),
      listener: listenerText(env.publicHost, network.listener.address),
      caFile: env.caFile,
      timeoutMs: request.timeoutMs,
    });
  } finally {
    await network.close();
  }
}

/** The address the target is told, and where the listener really is when that differs. */
function listenerText(publicHost: string, bound: { host: string; port: number }): string {
  const told = `${publicHost}:${bound.port}`;
  return bound.host === publicHost || bound.host === '0.0.0.0' || bound.host === '::' ? told : `${told} (bound on ${bound.host}:${bound.port})`;
}

export function describePreflight(outcome: PreflightOutcome): string {
  return outcome.ok ? `federation pre-flight passed: ${outcome.summary}` : `federation pre-flight failed on the ${outcome.leg} leg: ${outcome.problem}. To fix: ${outcome.fix}`;
}

/**
 * Peers for the conformance checks on a target the tool did not start: the environment, then
 * the pre-flight; a failed pre-flight (or a discovery that cannot give each check a fresh
 * domain) becomes the skip reason of every check that needs peers.
 */
export async function externalPeerSupport(
  settings: ExternalPeerSettings,
  target: { domain: string; host: string; s2sPort: number; caPem?: string },
  say: (line: string) => void,
  timeoutMs: number,
): Promise<{ support: PeerSupport; close: () => Promise<void> }> {
  const env = await startExternalPeers(settings, say);
  const outcome = await runPreflight({
    env,
    settings,
    target: { domains: [target.domain], s2s: { host: target.host, port: target.s2sPort }, caPem: target.caPem },
    targetDomain: target.domain,
    timeoutMs: Math.min(timeoutMs, PREFLIGHT_TIMEOUT_MS),
  });
  say(describePreflight(outcome));
  let unavailable = outcome.ok ? undefined : describePreflight(outcome);
  if (!unavailable && settings.discovery.kind !== 'embedded-dns') {
    unavailable = `s2s checks use a fresh peer domain each, which only --peer-dns embedded:ADDR:PORT can make up; ${describeDiscovery(settings.discovery)} serve the pre-flight and federation load`;
  }
  const support: PeerSupport = { issuer: env.issuer, dns: env.dns, listen: { host: settings.listen.host, port: 0 }, publicHost: env.publicHost, provided: env.provided, unavailable };
  return { support, close: env.close };
}
