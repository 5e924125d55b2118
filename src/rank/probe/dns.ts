/**
 * DNS facts of one domain: the four XMPP SRV services (RFC 6120 §3.2.1, XEP-0368), the A/AAAA
 * fallback, and TLSA records (RFC 6698/7673) for each endpoint found. Only lookups, no connections.
 */
import { Resolver } from 'node:dns/promises';
import type { DnsFacts, Evidence, SrvRecord } from '../facts.js';
import { queryTlsa } from './tlsa.js';

export interface DnsProbeResult {
  dns: DnsFacts;
  evidence: Evidence[];
  /** The domain does not exist at all (NXDOMAIN for every name), or nothing answered. */
  problem?: string;
}

const SERVICES = [
  ['clientSrv', '_xmpp-client'],
  ['clientTlsSrv', '_xmpps-client'],
  ['serverSrv', '_xmpp-server'],
  ['serverTlsSrv', '_xmpps-server'],
] as const;

/** A resolver bound to the given servers ("ip" or "ip:port"), with one try and a timeout. */
export function makeResolver(servers: string[] | undefined, timeoutMs: number): Resolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (servers?.length) resolver.setServers(servers);
  return resolver;
}

function errorCode(error: unknown): string {
  return (error as { code?: string }).code ?? (error as Error).message;
}

/** SRV records in RFC 2782 order; a lone "." target means "no service here" and yields none. */
export function orderSrv(records: Array<{ name: string; port: number; priority: number; weight: number }>): SrvRecord[] {
  return records
    .filter((r) => r.name !== '.' && r.name !== '')
    .map((r) => ({ target: r.name.replace(/\.$/, ''), port: r.port, priority: r.priority, weight: r.weight }))
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight);
}

export async function probeDns(domain: string, servers: string[] | undefined, timeoutMs: number): Promise<DnsProbeResult> {
  const resolver = makeResolver(servers, timeoutMs);
  const evidence: Evidence[] = [];
  const dns: DnsFacts = { clientSrv: [], clientTlsSrv: [], serverSrv: [], serverTlsSrv: [], addresses: [], tlsa: [] };
  const failures: string[] = [];
  await Promise.all(
    SERVICES.map(async ([field, service]) => {
      const name = `${service}._tcp.${domain}`;
      try {
        dns[field] = orderSrv(await resolver.resolveSrv(name));
        evidence.push({ probe: `SRV ${name}`, seen: dns[field].map((r) => `${r.priority} ${r.weight} ${r.port} ${r.target}`).join(', ') || 'no usable record', facts: [`dns.${field}`] });
      } catch (error) {
        failures.push(errorCode(error));
        evidence.push({ probe: `SRV ${name}`, seen: errorCode(error), facts: [`dns.${field}`] });
      }
    }),
  );
  for (const family of ['resolve4', 'resolve6'] as const) {
    try {
      dns.addresses.push(...(await resolver[family](domain)));
    } catch (error) {
      failures.push(errorCode(error));
      evidence.push({ probe: `${family === 'resolve4' ? 'A' : 'AAAA'} ${domain}`, seen: errorCode(error), facts: ['dns.addresses'] });
    }
  }
  if (dns.addresses.length) evidence.push({ probe: `A/AAAA ${domain}`, seen: dns.addresses.join(', '), facts: ['dns.addresses'] });
  dns.tlsa = await lookupTlsa(domain, dns, servers, timeoutMs, evidence);
  const found = SERVICES.some(([field]) => dns[field].length > 0) || dns.addresses.length > 0;
  const problem = found ? undefined : `no SRV, A or AAAA record for ${domain} (${[...new Set(failures)].join(', ')})`;
  return { dns, evidence, problem };
}

/** TLSA for each SRV endpoint, or for the default ports of the domain itself when there is no SRV. */
async function lookupTlsa(domain: string, dns: DnsFacts, servers: string[] | undefined, timeoutMs: number, evidence: Evidence[]): Promise<string[]> {
  const endpoints = [...dns.clientSrv, ...dns.clientTlsSrv, ...dns.serverSrv, ...dns.serverTlsSrv].map((r) => `_${r.port}._tcp.${r.target}`);
  if (endpoints.length === 0) endpoints.push(`_5222._tcp.${domain}`, `_5269._tcp.${domain}`);
  const found: string[] = [];
  for (const name of [...new Set(endpoints)]) {
    const answer = await queryTlsa(name, servers, timeoutMs);
    if (typeof answer === 'string') {
      evidence.push({ probe: `TLSA ${name}`, seen: answer, facts: ['dns.tlsa'] });
      continue;
    }
    found.push(...answer.map((record) => `${name}: ${record}`));
    evidence.push({ probe: `TLSA ${name}`, seen: answer.join(', ') || 'none', facts: ['dns.tlsa'] });
  }
  return found;
}
