/**
 * Turns one host of a rank list into facts (src/rank/facts.ts). Light probes only: lookups, a
 * few handshakes and pre-authentication stream reads, never an account created or load sent.
 * Each probe records its evidence; what could not be learned goes to `unknown` with the reason.
 */
import type { HostEntry, HostFacts } from '../facts.js';
import { probeDns } from './dns.js';
import { endpointsOf } from './endpoints.js';
import { PROBE_NAMES, settleProbeOptions, type ProbeOptions } from './options.js';
import { createPacer, ProbeAborted } from './pacer.js';
import { probeAccount } from './account.js';
import { probeFeatures } from './features.js';
import { probeFederation } from './federation.js';
import { probeInventory } from './inventory.js';
import { probeTls, type TlsProbeResult } from './tls.js';
import type { Endpoint } from './inspect-handshake.js';

export type { ProbeOptions, ProbeName } from './options.js';
export { RankObserver, type RankObserverOptions } from './observer.js';
export { DEFAULT_PROBE_OPTIONS, PROBE_NAMES, settleProbeOptions } from './options.js';

/** An XMPP domain as a host list may give it: DNS labels only, so it is safe in stream headers. */
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export async function probeHost(entry: HostEntry, options: Partial<ProbeOptions> = {}): Promise<HostFacts> {
  const settled = settleProbeOptions(options);
  const started = Date.now();
  const facts: HostFacts = { domain: entry.domain, probedAt: new Date(started).toISOString(), durationMs: 0, c2sTls: [], s2sTls: [], unknown: {}, evidence: [] };
  const finish = () => ({ ...facts, durationMs: Date.now() - started });
  if (!DOMAIN.test(entry.domain)) {
    facts.unreachable = `"${entry.domain.slice(0, 80)}" is not a domain name`;
    return finish();
  }
  // The host's whole budget: past it, or on the caller's abort, probes still pending stop.
  const budget = AbortSignal.timeout(settled.hostTimeoutMs);
  const signal = settled.signal ? AbortSignal.any([settled.signal, budget]) : budget;
  const pacer = createPacer(settled.maxParallelPerHost, settled.politenessDelayMs, signal);
  const selected = new Set(settled.probes ?? PROBE_NAMES);
  const notSelected = 'not selected for this run';
  try {
    // A host given by address (lab hosts) needs no DNS; otherwise no records means nothing to probe.
    if (selected.has('dns') || !entry.host) {
      const dns = await probeDns(entry.domain, settled.dnsServers, settled.stepTimeoutMs);
      facts.dns = dns.dns;
      facts.evidence.push(...dns.evidence);
      if (dns.problem && !entry.host) {
        facts.unreachable = dns.problem;
        return finish();
      }
    } else facts.unknown.dns = notSelected;
    const endpoints = endpointsOf(entry, facts.dns);
    const base = { domain: entry.domain, ca: settled.ca };
    const c2sEndpoints: Endpoint[] = [{ ...base, ...endpoints.c2s, mode: 'starttls', namespace: 'jabber:client' }];
    if (endpoints.c2sDirect) c2sEndpoints.push({ ...base, ...endpoints.c2sDirect, mode: 'direct', namespace: 'jabber:client' });
    const s2sEndpoint: Endpoint = { ...base, ...endpoints.s2s, mode: 'starttls', namespace: 'jabber:server', from: settled.observer?.domain };

    const absorb = (result: TlsProbeResult, list: 'c2sTls' | 's2sTls', path: string) => {
      facts.evidence.push(...result.evidence);
      Object.assign(facts.unknown, result.unknown);
      if (result.facts) facts[list].push(result.facts);
      else facts.unknown[path] = result.unreachable ?? 'not probed';
    };
    // Three chains side by side (features, c2s TLS, s2s TLS); the pacer keeps the host's limit.
    const [features, , s2s] = await Promise.all([
      selected.has('features') ? pacer.run(() => probeFeatures(c2sEndpoints[0]!, settled.stepTimeoutMs)) : undefined,
      (async () => {
        if (!selected.has('c2s-tls')) return void (facts.unknown.c2sTls = notSelected);
        for (const [index, endpoint] of c2sEndpoints.entries()) {
          absorb(await probeTls(endpoint, `c2sTls[${facts.c2sTls.length}]`, pacer, settled.stepTimeoutMs), 'c2sTls', `c2sTls.${endpoint.mode}#${index}`);
        }
      })(),
      selected.has('s2s-tls') ? probeTls(s2sEndpoint, 's2sTls[0]', pacer, settled.stepTimeoutMs) : undefined,
    ]);
    if (s2s) absorb(s2s, 's2sTls', 's2sTls.starttls');
    else facts.unknown.s2sTls = notSelected;
    if (features) {
      facts.features = features.features;
      facts.evidence.push(...features.evidence);
      Object.assign(facts.unknown, features.unknown);
    } else facts.unknown.features = notSelected;
    const tlsTried = selected.has('c2s-tls') || selected.has('s2s-tls');
    if (tlsTried && facts.c2sTls.length === 0 && facts.s2sTls.length === 0 && !facts.features) {
      const why = facts.unknown.features ?? Object.entries(facts.unknown).find(([key]) => /Tls/.test(key))?.[1];
      facts.unreachable = `no usable XMPP answer from ${[...c2sEndpoints, s2sEndpoint].map((e) => `${e.host}:${e.port}`).join(', ')}${why ? `: ${why}` : ''}`;
      return finish();
    }
    if (!selected.has('federation')) facts.unknown.federation = notSelected;
    else if (settled.observer) {
      const federation = await probeFederation(settled.observer, entry.domain, endpoints.s2s, pacer, settled.stepTimeoutMs);
      facts.federation = federation.federation;
      facts.evidence.push(...federation.evidence);
      Object.assign(facts.unknown, federation.unknown);
      if (federation.federation.reachable) {
        // The link authenticates the way the host accepted; dialback by default.
        const auth = !federation.federation.dialbackAccepted && federation.federation.externalAccepted ? 'external' : undefined;
        const inventory = await probeInventory(settled.observer, entry.domain, settled.stepTimeoutMs, auth);
        facts.inventory = inventory.inventory;
        facts.evidence.push(...inventory.evidence);
        Object.assign(facts.unknown, inventory.unknown);
      }
    } else {
      facts.unknown.federation = 'no observer domain given: federation and the service inventory were not probed';
    }
    const listed = entry.accounts?.[0];
    const password = listed && settled.passwordOf?.(listed.passwordEnv);
    if (!selected.has('account')) facts.unknown.account = notSelected;
    else if (!listed) facts.unknown.account = 'the list gives no account for this host';
    else if (!password) facts.unknown.account = `no password: ${listed.passwordEnv} is not set`;
    else {
      const target = { domain: entry.domain, host: endpoints.c2s.host, port: endpoints.c2s.port, directTlsPort: endpoints.c2sDirect?.port, caPem: [settled.ca ?? []].flat().join('\n') || undefined };
      const account = await pacer.run(() => probeAccount(target, listed.jid, password, settled.stepTimeoutMs, signal));
      facts.account = account.account;
      facts.evidence.push(...account.evidence);
      Object.assign(facts.unknown, account.unknown);
    }
  } catch (error) {
    if (!(error instanceof ProbeAborted)) throw error;
    facts.unknown.remaining = budget.aborted ? `the host's time budget (${settled.hostTimeoutMs} ms) ran out` : 'the probe was aborted';
  }
  return finish();
}
