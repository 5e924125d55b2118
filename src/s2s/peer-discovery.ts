/**
 * How a target that the tool did not start finds the simulated peers (issue 11):
 * - `embedded-dns`: the tool answers A/SRV for the peer domains on an address:port the operator
 *   points the target's resolver at (config lines below, per server);
 * - `hosts`: the peer domains resolve to the listener by A record (hosts file, container network
 *   aliases) and the listener is on 5269 — the fallback of RFC 6120 §3.2.2 when there is no SRV;
 * - `dns`: SRV records the operator publishes (checked before the run).
 */
import { isIP } from 'node:net';
import type { PeerDnsRecords } from './peer-dns.js';
import { DEFAULT_S2S_PORT } from './resolve.js';

export type PeerDiscovery = { kind: 'embedded-dns'; address: string; port: number } | { kind: 'hosts' } | { kind: 'dns' };

/** Where the target reaches the listener: the address it dials (never 0.0.0.0) and the port. */
export interface ListenerAddress {
  host: string;
  port: number;
}

/** `embedded:ADDR:PORT`, `hosts` or `dns` (CLI --peer-dns, scenario peers.find_by). */
export function parseDiscovery(text: string): PeerDiscovery {
  if (text === 'hosts' || text === 'dns') return { kind: text };
  const embedded = /^embedded:(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  if (embedded && Number(embedded[3]) <= 65535) return { kind: 'embedded-dns', address: (embedded[1] ?? embedded[2])!, port: Number(embedded[3]) };
  throw new Error(`wants embedded:ADDRESS:PORT, hosts or dns, got "${text}"`);
}

export const DISCOVERY_PATTERN = '^(dns|hosts|embedded:(\\[[^\\]]+\\]|[^:]+):[0-9]{1,5})$';

export function describeDiscovery(discovery: PeerDiscovery): string {
  if (discovery.kind === 'embedded-dns') return `the tool's DNS on ${discovery.address}:${discovery.port}`;
  return discovery.kind === 'hosts' ? 'hosts entries / network aliases (A record, port 5269)' : 'published SRV records';
}

/** The address `localhost` stands for. */
function isLocalhost(host: string): boolean {
  return host === '127.0.0.1';
}

/**
 * What the embedded DNS answers for one peer domain. The SRV target is `localhost` for 127.0.0.1
 * (ejabberd resolves SRV targets through the system resolver, which knows that name) and the
 * peer domain itself otherwise, whose A record we serve too.
 */
export function embeddedRecords(domain: string, listener: ListenerAddress): PeerDnsRecords {
  if (isIP(listener.host) !== 4) throw new Error(`the embedded DNS needs the listener's IPv4 address, not "${listener.host}" (give --peer-public-host)`);
  const target = isLocalhost(listener.host) ? 'localhost' : domain;
  return { a: listener.host, srv: [{ service: '_xmpp-server._tcp', port: listener.port, target }] };
}

/** Problems that make a discovery mode impossible with this listener, or undefined. */
export function discoveryProblem(discovery: PeerDiscovery, listener: ListenerAddress, fixedDomains: boolean): string | undefined {
  if (discovery.kind === 'embedded-dns') return isIP(listener.host) === 4 ? undefined : `the embedded DNS answers an IPv4 address; the listener's public address is "${listener.host}"`;
  if (!fixedDomains) return `${describeDiscovery(discovery)} need the peer domains named (--peer-domain / peers.domains)`;
  if (discovery.kind === 'hosts' && listener.port !== DEFAULT_S2S_PORT) return `with hosts entries the target dials port ${DEFAULT_S2S_PORT}: listen there (listener port is ${listener.port})`;
  if (listener.port === 0) return 'a fixed listener port is needed';
  if (discovery.kind === 'dns' && isIP(listener.host) !== 0) return `SRV records name a host: give the listener's public host name (listen.public_host), not ${listener.host}`;
  return undefined;
}

/** The lines that make each server family ask the embedded DNS for the peer domains. */
export function resolverConfigLines(dns: { address: string; port: number }): string[] {
  const erlangIp = dns.address.split('.').join(',');
  const inetrc = `{nameserver, {${erlangIp}}, ${dns.port}}. {resolv_conf, ""}.`;
  const port53 = dns.port === 53 ? '' : ` (port 53 only: run the embedded DNS on ${dns.address}:53)`;
  return [
    `Prosody (with lua-unbound), prosody.cfg.lua:  unbound = { resolvconf = false; forward = "${dns.address}@${dns.port}" }`,
    `ejabberd, the file ERL_INETRC names (ejabberdctl.cfg: ERL_INETRC=/etc/ejabberd/inetrc):  ${inetrc}`,
    `MongooseIM, an inetrc file passed with -kernel inetrc '"/etc/mongooseim/inetrc"' in vm.args:  ${inetrc}`,
    // udns (jabberd2's s2s resolver) reads these before /etc/resolv.conf, and takes a port from RES_OPTIONS.
    `jabberd2, the environment of its s2s process (jabberd2-s2s, resolver udns):  NAMESERVERS=${dns.address} RES_OPTIONS=port:${dns.port}`,
    `Openfire (system resolver), /etc/resolv.conf of its host or container:  nameserver ${dns.address}${port53}` +
      '; or, without DNS, the system property dnsutil.dnsOverride = {<peer domain>,<listener host>:<port>},…',
  ];
}

/** Zone lines (dns) or hosts lines (hosts) the operator must create. */
export function operatorRecords(discovery: PeerDiscovery, domains: readonly string[], listener: ListenerAddress): string[] {
  if (discovery.kind === 'hosts') return domains.map((domain) => `${listener.host}  ${domain}`);
  if (discovery.kind === 'dns') return domains.map((domain) => `_xmpp-server._tcp.${domain}. 300 IN SRV 0 5 ${listener.port} ${listener.host}.`);
  return [];
}
