/**
 * Peer domains must resolve to our listener from the target's point of view. Lab targets use the
 * tool's loopback DNS (anything with addDomain/removeDomain, src/lab/dns.ts); for a real target
 * the operator creates the records this module prints, and `checkPeerDns` verifies them first.
 */
import { promises as dns } from 'node:dns';
import { embeddedRecords } from './peer-discovery.js';

export interface PeerDnsRecords {
  a?: string;
  srv?: Array<{ service: string; port: number; target: string }>;
}

/** The lab DNS's shape (structural, so this room does not import the lab). */
export interface DnsPublisher {
  addDomain(domain: string, records: PeerDnsRecords): void;
  removeDomain(domain: string): void;
}

/** A and SRV records leading to the listener (lab DNS, or the tool's embedded DNS). */
export function publishPeerDomains(publisher: DnsPublisher, domains: readonly string[], listener: { host: string; port: number }): () => void {
  for (const domain of domains) publisher.addDomain(domain, embeddedRecords(domain, listener));
  return () => domains.forEach((domain) => publisher.removeDomain(domain));
}

/** Zone-file lines the operator of a real target must publish for the peer domains. */
export function describePeerDns(domains: readonly string[], listener: { publicHost: string; port: number }): string[] {
  return domains.flatMap((domain) => [
    `_xmpp-server._tcp.${domain}. 300 IN SRV 0 5 ${listener.port} ${listener.publicHost}.`,
  ]);
}

/** Problems with the published records, one line each; empty when every domain points at us. */
export async function checkPeerDns(domains: readonly string[], listener: { publicHost: string; port: number }): Promise<string[]> {
  const problems: string[] = [];
  for (const domain of domains) {
    const records = await dns.resolveSrv(`_xmpp-server._tcp.${domain}`).catch(() => []);
    const match = records.some((r) => r.port === listener.port && r.name.replace(/\.$/, '').toLowerCase() === listener.publicHost.toLowerCase());
    if (!match) {
      const seen = records.map((r) => `${r.name}:${r.port}`).join(', ') || 'no SRV record';
      problems.push(`_xmpp-server._tcp.${domain} should point at ${listener.publicHost}:${listener.port} (found ${seen})`);
    }
  }
  return problems;
}
