/**
 * TLS and address options shared by the HTTP transports (WebSocket, BOSH): the same trust as
 * TCP (a CA file, or the system roots; never "no checks") and the same `host` override.
 */
import { isIP } from 'node:net';
import { pinnedLookup, type Lookup } from '../util/pinned-lookup.js';
import { urlHostName } from '../util/host-name.js';
import { XmppConnectError } from './errors.js';
import { classifyTlsError } from './tls.js';

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
  const name = urlHostName(endpoint.url);
  return {
    ca: endpoint.ca,
    servername: isIP(name) ? undefined : name,
    lookup: endpoint.host ? pinnedLookup(endpoint.host) : undefined,
    rejectUnauthorized: true,
  };
}

/** An HTTP transport's connect failure, classified like TCP's (TLS trust and name failures apart). */
export function classifyHttpError(error: unknown, url: string, domain: string): XmppConnectError {
  if (error instanceof XmppConnectError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|ERR_SSL|HOSTNAME/.test(code)) return classifyTlsError(error, domain);
  const reason = code === 'ECONNREFUSED' ? 'refused' : code === 'ENOTFOUND' ? 'dns' : /timeout/i.test(String((error as Error)?.message)) ? 'timeout' : 'other';
  return new XmppConnectError(reason, `${url}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}
