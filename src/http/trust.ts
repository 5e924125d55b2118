/**
 * How a stage trusts an HTTPS origin: the caller (the engine) supplies the same options every
 * other HTTP transport uses (src/xmpp/http-trust.ts: a CA, SNI from the URL, a pinned address);
 * they are handed to autocannon, whose own "no checks" is undone by verified-tls.ts.
 */
export interface TlsConnectOptions {
  ca?: string | Buffer | (string | Buffer)[];
  servername?: string;
  lookup?: unknown;
}

export type HttpTrust = (url: string) => TlsConnectOptions;

export function tlsOptionsFor(url: string, trust: HttpTrust): { servername?: string; tlsOptions: Record<string, unknown> } {
  const { ca, servername, lookup } = trust(url);
  return { ...(servername ? { servername } : {}), tlsOptions: { ...(ca ? { ca } : {}), ...(lookup ? { lookup } : {}) } };
}
