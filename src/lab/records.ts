import type { LabDns } from './dns.js';
import type { LabPorts } from './types.js';

/**
 * Publishes a lab server's domains in the loopback DNS. SRV targets are `localhost`: ejabberd
 * resolves SRV targets through glibc, which knows `localhost` but not the lab's names; jabberd2
 * asks the lab DNS, which answers `localhost` too.
 */
export function registerLabDomains(dns: LabDns, domains: readonly string[], ports: LabPorts): () => void {
  for (const domain of domains) {
    dns.addDomain(domain, {
      a: '127.0.0.1',
      srv: [
        { service: '_xmpp-client._tcp', port: ports.c2s, target: 'localhost' },
        { service: '_xmpps-client._tcp', port: ports.c2sDirectTls, target: 'localhost' },
        { service: '_xmpp-server._tcp', port: ports.s2s, target: 'localhost' },
      ],
    });
  }
  return () => domains.forEach((domain) => dns.removeDomain(domain));
}
