/**
 * Turns one host of a rank list into facts (src/rank/facts.ts). Light probes only: lookups, a
 * few handshakes and pre-authentication stream reads, never an account created or load sent.
 * Each probe records its evidence; what could not be learned goes to `unknown` with the reason.
 */
import type { HostEntry, HostFacts } from '../facts.js';
import { probeDns } from './dns.js';
import { endpointsOf } from './endpoints.js';
import { settleProbeOptions, type ProbeOptions } from './options.js';
import { createPacer, ProbeAborted } from './pacer.js';
import { probeFeatures } from './features.js';
import { probeTls, type TlsProbeResult } from './tls.js';
import type { Endpoint } from './inspect-handshake.js';

export type { ProbeOptions, ObserverSettings } from './options.js';
export { DEFAULT_PROBE_OPTIONS, settleProbeOptions } from './options.js';

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
  try {
    const dns = await probeDns(entry.domain, settled.dnsServers, settled.stepTimeoutMs);
    facts.dns = dns.dns;
    facts.evidence.push(...dns.evidence);
    // A host given by address (lab hosts) needs no DNS; otherwise no records means nothing to probe.
    if (dns.problem && !entry.host) {
      facts.unreachable = dns.problem;
      return finish();
    }
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
    const features = await pacer.run(() => probeFeatures(c2sEndpoints[0]!, settled.stepTimeoutMs));
    facts.features = features.features;
    facts.evidence.push(...features.evidence);
    Object.assign(facts.unknown, features.unknown);
    for (const [index, endpoint] of c2sEndpoints.entries()) {
      absorb(await probeTls(endpoint, `c2sTls[${facts.c2sTls.length}]`, pacer, settled.stepTimeoutMs), 'c2sTls', `c2sTls.${endpoint.mode}#${index}`);
    }
    absorb(await probeTls(s2sEndpoint, 's2sTls[0]', pacer, settled.stepTimeoutMs), 's2sTls', 's2sTls.starttls');
    if (facts.c2sTls.length === 0 && facts.s2sTls.length === 0) {
      facts.unreachable = `no XMPP port answered: ${[...c2sEndpoints, s2sEndpoint].map((e) => `${e.host}:${e.port}`).join(', ')}`;
    }
  } catch (error) {
    if (!(error instanceof ProbeAborted)) throw error;
    facts.unknown.remaining = budget.aborted ? `the host's time budget (${settled.hostTimeoutMs} ms) ran out` : 'the probe was aborted';
  }
  return finish();
}
