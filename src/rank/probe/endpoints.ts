/**
 * Where to connect for each service of a host: the entry's explicit host/ports (lab hosts,
 * operators' overrides) win; otherwise the best SRV record; otherwise the domain on the
 * standard port (RFC 6120 §3.2.2). Direct TLS is probed only when known (SRV or entry).
 */
import type { DnsFacts, HostEntry, SrvRecord } from '../facts.js';

export interface HostEndpoints {
  c2s: { host: string; port: number };
  c2sDirect?: { host: string; port: number };
  s2s: { host: string; port: number };
}

function first(records: SrvRecord[] | undefined): SrvRecord | undefined {
  return records?.[0];
}

export function endpointsOf(entry: HostEntry, dns: DnsFacts | undefined): HostEndpoints {
  const client = first(dns?.clientSrv);
  const clientTls = first(dns?.clientTlsSrv);
  const server = first(dns?.serverSrv);
  const host = entry.host;
  return {
    c2s: { host: host ?? client?.target ?? entry.domain, port: entry.port ?? (host ? 5222 : client?.port ?? 5222) },
    c2sDirect:
      entry.directPort !== undefined
        ? { host: host ?? clientTls?.target ?? entry.domain, port: entry.directPort }
        : clientTls && !host
          ? { host: clientTls.target, port: clientTls.port }
          : undefined,
    s2s: { host: host ?? server?.target ?? entry.domain, port: entry.s2sPort ?? (host ? 5269 : server?.port ?? 5269) },
  };
}
