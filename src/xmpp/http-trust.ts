/**
 * TLS and address options shared by the HTTP transports (WebSocket, BOSH): the same trust as
 * TCP (a CA file, or the system roots; never "no checks") and the same `host` override.
 */
import { isIP } from 'node:net';
import { pinnedLookup, type Lookup } from '../util/pinned-lookup.js';

export interface HttpEndpoint {
  /** wss://, ws://, https:// or http:// URL of the endpoint. */
  url: string;
  /** The CA to trust (PEM); undefined = the system roots. */
  ca?: string | Buffer | (string | Buffer)[];
  /** Connect here (an address or a name) whatever the URL's host name resolves to. */
  host?: string;
}

/** Options for tls.connect / https.request: verification stays on, SNI is the URL's host name. */
export function tlsConnectOptions(endpoint: HttpEndpoint): { ca?: HttpEndpoint['ca']; servername?: string; lookup?: Lookup; rejectUnauthorized: true } {
  const { hostname } = new URL(endpoint.url);
  const name = hostname.replace(/^\[|\]$/g, '');
  return {
    ca: endpoint.ca,
    servername: isIP(name) ? undefined : name,
    lookup: endpoint.host ? pinnedLookup(endpoint.host) : undefined,
    rejectUnauthorized: true,
  };
}
