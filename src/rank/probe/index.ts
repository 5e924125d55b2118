/**
 * Turns one host of a rank list into facts (src/rank/facts.ts). Light probes only: lookups, a
 * few handshakes and pre-authentication stream reads, never an account created or load sent.
 * Each probe records its evidence; what could not be learned goes to `unknown` with the reason.
 */
import type { HostEntry, HostFacts } from '../facts.js';
import { probeDns } from './dns.js';
import { settleProbeOptions, type ProbeOptions } from './options.js';

export type { ProbeOptions, ObserverSettings } from './options.js';
export { DEFAULT_PROBE_OPTIONS, settleProbeOptions } from './options.js';

export async function probeHost(entry: HostEntry, options: Partial<ProbeOptions> = {}): Promise<HostFacts> {
  const settled = settleProbeOptions(options);
  const started = Date.now();
  const facts: HostFacts = { domain: entry.domain, probedAt: new Date(started).toISOString(), durationMs: 0, c2sTls: [], s2sTls: [], unknown: {}, evidence: [] };
  const dns = await probeDns(entry.domain, settled.dnsServers, settled.stepTimeoutMs);
  facts.dns = dns.dns;
  facts.evidence.push(...dns.evidence);
  // A host given by address (lab hosts) needs no DNS; otherwise no records means nothing to probe.
  if (dns.problem && !entry.host) facts.unreachable = dns.problem;
  facts.durationMs = Date.now() - started;
  return facts;
}
