/**
 * Where a domain's s2s service is: the SRV record `_xmpp-server._tcp` (RFC 6120 §3.2.1) in order
 * of priority, else the domain itself on 5269 (§3.2.2). Lab targets skip this: their addresses are known.
 */
import { promises as dns } from 'node:dns';
import type { Authority } from './verify-with-authority.js';

export const DEFAULT_S2S_PORT = 5269;

export async function resolveS2s(domain: string): Promise<Authority> {
  const records = await dns.resolveSrv(`_xmpp-server._tcp.${domain}`).catch(() => []);
  const best = [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
  // A lone "." target means the service is decidedly not available (RFC 2782).
  if (best && best.name !== '.' && best.name !== '') return { host: best.name, port: best.port };
  return { host: domain, port: DEFAULT_S2S_PORT };
}
