/** The two forms of host-meta (XEP-0156 §2.2): the XRD document is required, the JRD one recommended. */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { fetchHostMeta, hostMetaUrl, linksOf, mediaType, NOT_HTTPS, notPublished, xmppLinks, type Fetched, type HostMetaForm } from './host-meta.js';

const EXPECTED_TYPE: Record<HostMetaForm, string> = { xrd: 'application/xrd+xml', jrd: 'application/json' };
const A_DOCUMENT: Record<HostMetaForm, string> = { xrd: 'an XRD document', jrd: 'a JRD document' };

/** A served form judged: a violation for its status, media type or parse, else a pass naming its XMPP links. */
function judgeForm(form: HostMetaForm, fetched: Extract<Fetched, { kind: 'served' }>): CheckOutcome {
  const { reply } = fetched;
  const wrong = (reason: string): CheckOutcome => ({ outcome: 'violation', reason });
  if (reply.status !== 200) return wrong(`${fetched.url} answered HTTP ${reply.status}`);
  const type = mediaType(reply);
  if (type !== EXPECTED_TYPE[form]) return wrong(`${fetched.url} is served as '${type.slice(0, 80) || 'no content type'}', not ${EXPECTED_TYPE[form]}`);
  const links = linksOf(form, reply);
  if (typeof links === 'string') return wrong(`${fetched.url} is not a ${form.toUpperCase()} document: ${links}`);
  const rels = xmppLinks(links).map((link) => link.rel.replace('urn:xmpp:alt-connections:', ''));
  return { outcome: 'pass', reason: `${A_DOCUMENT[form]} (${EXPECTED_TYPE[form]}) with ${rels.length} XMPP link(s): ${rels.join(', ') || 'none'}` };
}

const xrd: CheckDefinition = {
  id: 'xep0156.discovery.xrd',
  title: 'host-meta is served as an XRD document (application/xrd+xml) over HTTPS',
  area: 'discovery',
  level: 'MUST',
  spec: [{ doc: 'XEP-0156', section: '2.2' }, { doc: 'RFC 6415', section: '2' }],
  tags: ['http', 'host-meta'],
  async run(ctx): Promise<CheckOutcome> {
    const fetched = await fetchHostMeta(ctx, 'xrd');
    if (fetched.kind === 'absent') {
      if (fetched.why === NOT_HTTPS) return { outcome: 'violation', reason: `the host-meta named for this domain, ${fetched.url}, is ${NOT_HTTPS}` };
      if (hostMetaUrl(ctx, 'xrd').given && fetched.why.startsWith('HTTP')) return { outcome: 'violation', reason: `the host-meta named for this domain is not served: ${fetched.url} answered ${fetched.why}` };
      return notPublished(fetched);
    }
    return judgeForm('xrd', fetched);
  },
};

const jrd: CheckDefinition = {
  id: 'xep0156.discovery.jrd',
  title: 'host-meta is also served as a JRD document (host-meta.json, application/json)',
  area: 'discovery',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0156', section: '2.2' }, { doc: 'RFC 6415', section: 'A' }],
  tags: ['http', 'host-meta'],
  async run(ctx): Promise<CheckOutcome> {
    const base = await fetchHostMeta(ctx, 'xrd');
    if (base.kind === 'absent') return notPublished(base);
    const fetched = await fetchHostMeta(ctx, 'jrd');
    if (fetched.kind === 'absent') return { outcome: 'violation', reason: `the XRD form is published but ${fetched.url} is not (${fetched.why})` };
    return judgeForm('jrd', fetched);
  },
};

export const documentChecks: readonly CheckDefinition[] = [xrd, jrd];
