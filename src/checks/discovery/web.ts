/** What a web client needs from host-meta: links over TLS only (XEP-0156 §2.2) and CORS (§3). */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { fetchHostMeta, linksOf, notPublished, xmppLinks, type HostMetaForm } from './host-meta.js';

/** A web page on another origin, as a browser would name it. */
const FOREIGN_ORIGIN = 'https://web-client.gauntlet.invalid';

const cors: CheckDefinition = {
  id: 'xep0156.discovery.cors',
  title: 'host-meta allows web clients on other origins to read it (Access-Control-Allow-Origin)',
  area: 'discovery',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0156', section: '3' }],
  tags: ['http', 'host-meta', 'cors'],
  async run(ctx): Promise<CheckOutcome> {
    const seen: string[] = [];
    for (const form of ['xrd', 'jrd'] as const satisfies readonly HostMetaForm[]) {
      const fetched = await fetchHostMeta(ctx, form, { origin: FOREIGN_ORIGIN });
      if (fetched.kind === 'absent') {
        if (form === 'xrd') return notPublished(fetched);
        continue;
      }
      if (fetched.reply.status !== 200) continue;
      const allowed = fetched.reply.headers['access-control-allow-origin'];
      if (allowed === undefined) return { outcome: 'violation', reason: `${fetched.url} has no Access-Control-Allow-Origin header for a request from ${FOREIGN_ORIGIN}` };
      if (allowed.trim() !== '*' && allowed.trim() !== FOREIGN_ORIGIN) {
        return { outcome: 'violation', reason: `${fetched.url} allows only '${allowed.slice(0, 100)}', not a web client on ${FOREIGN_ORIGIN}` };
      }
      seen.push(`${form.toUpperCase()}: '${allowed.trim()}'`);
    }
    if (seen.length === 0) return { outcome: 'skip', reason: 'no host-meta form answered 200 (the xrd and jrd checks say why)' };
    return { outcome: 'pass', reason: `Access-Control-Allow-Origin for a foreign origin — ${seen.join(', ')}` };
  },
};

const secureLinks: CheckDefinition = {
  id: 'xep0156.discovery.secure-links',
  title: "host-meta's XMPP connection links use only https:// and wss:// URLs",
  area: 'discovery',
  level: 'MUST',
  spec: [{ doc: 'XEP-0156', section: '2.2' }],
  tags: ['http', 'host-meta', 'tls'],
  async run(ctx): Promise<CheckOutcome> {
    const found: string[] = [];
    for (const form of ['xrd', 'jrd'] as const satisfies readonly HostMetaForm[]) {
      const fetched = await fetchHostMeta(ctx, form);
      if (fetched.kind === 'absent') {
        if (form === 'xrd') return notPublished(fetched);
        continue;
      }
      if (fetched.reply.status !== 200) continue;
      const links = linksOf(form, fetched.reply);
      if (typeof links === 'string') continue;
      for (const link of xmppLinks(links)) {
        if (!/^(https|wss):\/\//i.test(link.href)) return { outcome: 'violation', reason: `${form.toUpperCase()} link ${link.rel} points to '${link.href.slice(0, 200)}', not an https:// or wss:// URL` };
        found.push(`${form.toUpperCase()} ${link.rel.replace('urn:xmpp:alt-connections:', '')}`);
      }
    }
    if (found.length === 0) return { outcome: 'skip', reason: 'host-meta lists no XMPP connection links to judge' };
    return { outcome: 'pass', reason: `every XMPP link uses TLS (${found.join(', ')})` };
  },
};

export const webChecks: readonly CheckDefinition[] = [cors, secureLinks];
