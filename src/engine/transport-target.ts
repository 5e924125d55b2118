/**
 * The WebSocket or BOSH side of a resolved target: the endpoint URL (the lab's own, the one the
 * scenario gives, or XEP-0156 discovery) and a reachability probe of its host and port.
 */
import type { LabServer } from '../lab/types.js';
import type { TransportName } from '../scenario/schema/target.js';
import type { ConnectionTarget } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { urlHostName } from '../util/host-name.js';
import { discoverEndpoint } from '../xmpp/index.js';

const DISCOVERY_TIMEOUT_MS = 10_000;

export interface TransportSpec {
  transport?: TransportName;
  url?: string;
  hostMeta?: string;
}

/** The URL sessions use; the lab's when the run started one. */
export async function endpointUrl(connection: ConnectionTarget, spec: TransportSpec, lab?: LabServer): Promise<string> {
  const transport = spec.transport as 'websocket' | 'bosh';
  if (spec.url) return spec.url;
  if (lab) {
    if (!lab.http) throw new GauntletError('config', `the ${lab.kind} lab has no HTTP side, so no ${transport} transport`, { hint: 'use transport: tcp, or lab: prosody | ejabberd' });
    return transport === 'websocket' ? lab.http.websocket : lab.http.bosh;
  }
  const hostMetaUrl = spec.hostMeta ?? `https://${connection.domain}/.well-known/host-meta`;
  return discoverEndpoint(transport, { hostMetaUrl, ca: connection.caPem, host: connection.host, timeoutMs: DISCOVERY_TIMEOUT_MS }).catch((cause: Error) => {
    throw new GauntletError('unreachable', cause.message, { cause, hint: 'give target.url, or target.host_meta where the server publishes host-meta' });
  });
}

/** Where the endpoint's TCP connection goes: `host` when given, else the URL's own host; its port. */
export function endpointAddress(url: string, host: string | undefined): { host: string; port: number } {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'wss:' || parsed.protocol === 'https:';
  return { host: host ?? urlHostName(parsed), port: Number(parsed.port) || (secure ? 443 : 80) };
}
