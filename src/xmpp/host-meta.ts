/**
 * XEP-0156 discovery of a domain's WebSocket and BOSH endpoints: host-meta (XRD, §3.3) first,
 * then host-meta.json (§3.4). Fetched over HTTPS with the target's trust and `host` override;
 * the response is bounded before it is parsed.
 */
import { XmppConnectError } from './errors.js';
import { tlsConnectOptions, type HttpEndpoint } from './http-trust.js';
import { parseXml } from './xml.js';

export const REL = { websocket: 'urn:xmpp:alt-connections:websocket', bosh: 'urn:xmpp:alt-connections:xbosh' } as const;
const NS_XRD = 'http://docs.oasis-open.org/ns/xri/xrd-1.0';
const MAX_BYTES = 64 * 1024;

export interface HostMetaLink {
  rel: string;
  href: string;
}

export interface HostMetaResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** GET with the target's trust, at most MAX_BYTES of body kept. */
export async function fetchBounded(endpoint: HttpEndpoint & { timeoutMs: number }, headers: Record<string, string> = {}): Promise<HostMetaResponse> {
  // undici is loaded on first use: ~15 MiB of RSS that a TCP-only run never needs.
  const { Agent, request } = await import('undici');
  const dispatcher = new Agent({ connect: tlsConnectOptions(endpoint) });
  try {
    const response = await request(endpoint.url, { method: 'GET', headers, dispatcher, headersTimeout: endpoint.timeoutMs, bodyTimeout: endpoint.timeoutMs, maxRedirections: 0 });
    let body = '';
    for await (const chunk of response.body) {
      body += chunk.toString();
      if (body.length > MAX_BYTES) {
        response.body.destroy();
        throw new XmppConnectError('other', `${endpoint.url} sent more than ${MAX_BYTES} bytes`);
      }
    }
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) flat[name] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    return { status: response.statusCode, headers: flat, body };
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}

/** The <Link/>s of an XRD document; throws on anything that is not one. */
export function linksFromXrd(text: string): HostMetaLink[] {
  const root = parseXml(text.replace(/^<\?xml[^>]*\?>/, ''));
  if (!root.is('XRD', NS_XRD)) throw new Error(`not an XRD document (root <${root.name}/>)`);
  return root.getChildren('Link', NS_XRD).map((link) => ({ rel: link.attrs.rel ?? '', href: link.attrs.href ?? '' }));
}

/** The `links` of a host-meta.json document; throws on anything that is not one. */
export function linksFromJson(text: string): HostMetaLink[] {
  const document = JSON.parse(text) as { links?: unknown };
  if (!Array.isArray(document.links)) throw new Error('no "links" array');
  return document.links
    .filter((link): link is { rel: string; href: string } => typeof link?.rel === 'string' && typeof link?.href === 'string')
    .map(({ rel, href }) => ({ rel, href }));
}

/** Finds the endpoint for `transport`: the XRD form first, the JSON form when the XRD has none. */
export async function discoverEndpoint(
  transport: keyof typeof REL,
  options: { hostMetaUrl: string; ca?: HttpEndpoint['ca']; host?: string; timeoutMs: number },
): Promise<string> {
  const tried: string[] = [];
  for (const [suffix, parse] of [['', linksFromXrd], ['.json', linksFromJson]] as const) {
    const url = `${options.hostMetaUrl}${suffix}`;
    try {
      const response = await fetchBounded({ ...options, url });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      const href = parse(response.body).find((link) => link.rel === REL[transport])?.href;
      if (href) return href;
      tried.push(`${url}: no ${REL[transport]} link`);
    } catch (error) {
      tried.push(`${url}: ${(error as Error).message}`);
    }
  }
  throw new XmppConnectError('other', `XEP-0156 discovery found no ${transport} endpoint (${tried.join('; ')})`, {
    hint: 'give target.url, or target.host_meta where the server publishes host-meta',
  });
}
