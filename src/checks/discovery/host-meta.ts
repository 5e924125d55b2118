/**
 * Fetching a domain's host-meta for the discovery checks: the URL given (--host-meta, the lab's)
 * or https://DOMAIN/.well-known/host-meta, in its XRD form or its JRD form (`.json` appended).
 */
import { linksFromJson, linksFromXrd, type HostMetaLink, type HttpReply } from '../../xmpp/index.js';
import { checkHttp, nothingListens } from '../support/http.js';
import type { CheckContext } from '../types.js';

/** More than any real host-meta document; a bigger one fails the fetch. */
const MAX_HOST_META_BYTES = 64 * 1024;

export type HostMetaForm = 'xrd' | 'jrd';

export const NOT_HTTPS = 'not an https:// URL, and XEP-0156 §2.2 has host-meta fetched only over HTTPS';

export type Fetched = { kind: 'served'; url: string; reply: HttpReply } | { kind: 'absent'; url: string; why: string };

export function hostMetaUrl(ctx: CheckContext, form: HostMetaForm): { url: string; given: boolean } {
  const given = ctx.target.http?.hostMeta;
  const base = given ?? `https://${ctx.target.domain}/.well-known/host-meta`;
  return { url: form === 'xrd' ? base : `${base}.json`, given: given !== undefined };
}

/** One form, or why it is absent (nothing listens, or 404/410): the domain may not publish it. */
export async function fetchHostMeta(ctx: CheckContext, form: HostMetaForm, headers: Record<string, string> = {}): Promise<Fetched> {
  const { url } = hostMetaUrl(ctx, form);
  // §2.2: host-meta is fetched only over HTTPS, so an http:// URL (given by the user) is not fetched at all.
  if (!url.startsWith('https://')) return { kind: 'absent', url, why: NOT_HTTPS };
  try {
    const reply = await checkHttp(ctx, url, { headers, maxBytes: MAX_HOST_META_BYTES });
    if (reply.status === 404 || reply.status === 410) return { kind: 'absent', url, why: `HTTP ${reply.status}` };
    return { kind: 'served', url, reply };
  } catch (error) {
    if (nothingListens(error)) return { kind: 'absent', url, why: 'nothing listens there' };
    throw error;
  }
}

/** The media type without parameters, lower case. */
export function mediaType(reply: HttpReply): string {
  return (reply.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The links of a served form, or the parse error's message. */
export function linksOf(form: HostMetaForm, reply: HttpReply): HostMetaLink[] | string {
  try {
    return form === 'xrd' ? linksFromXrd(reply.body.toString('utf8')) : linksFromJson(reply.body.toString('utf8'));
  } catch (error) {
    return (error as Error).message.slice(0, 200);
  }
}

/** The XMPP connection links (urn:xmpp:alt-connections:*) among `links`. */
export function xmppLinks(links: readonly HostMetaLink[]): HostMetaLink[] {
  return links.filter((link) => link.rel.startsWith('urn:xmpp:alt-connections:'));
}

/** The skip a check gives when the domain publishes no host-meta at the default address. */
export function notPublished(fetched: Extract<Fetched, { kind: 'absent' }>): { outcome: 'skip'; reason: string } {
  if (fetched.why === NOT_HTTPS) return { outcome: 'skip', reason: `${fetched.url} is ${NOT_HTTPS} (xep0156.discovery.xrd judges that)` };
  return { outcome: 'skip', reason: `no host-meta at ${fetched.url} (${fetched.why}): the domain does not publish XEP-0156 discovery (give --host-meta where it does)` };
}
