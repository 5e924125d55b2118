/**
 * `bosh-session`: session creation requests (XEP-0124 §7.1 with the XEP-0206 attributes), each
 * followed on the same connection by the terminate of the session it created (§12), so the load
 * leaves no sessions behind; only a session whose creation is answered as the phase ends is
 * left to the server's inactivity timeout (at most one per connection).
 */
import { LATENCY } from '../metrics/index.js';
import { statusOnly, type Exchange } from './exchange.js';

const NS_HTTPBIND = 'http://jabber.org/protocol/httpbind';
const HEADERS = { 'Content-Type': 'text/xml; charset=utf-8' };
/** The sid attribute of the answer's <body/> start tag (sids are short tokens; longer is refused). */
const SID = /^\s*(?:<\?xml[^>]*\?>\s*)?<body\b[^>]*?\ssid=(['"])([A-Za-z0-9_.:\-]{1,128})\1/;

export interface BoshSessionLoad {
  next: () => Exchange;
  /** Sessions created and not yet terminated. */
  open: () => number;
}

/** The request source of a bosh-session stage for `domain` at `path`; `label` names the creations' endpoint. */
export function boshSessionLoad(domain: string, path: string, label: string): BoshSessionLoad {
  // A domain is a hostname: nothing in it needs XML escaping, and one that would is refused.
  if (/[&<>'"]/.test(domain)) throw new Error(`"${domain}" is not a domain name`);
  let rid = Math.floor(Math.random() * 1e9);
  const created: { sid: string; rid: number }[] = [];
  const create = (): Exchange => {
    const own = rid++;
    const body = `<body content='text/xml; charset=utf-8' hold='1' rid='${own}' to='${domain}' ver='1.6' wait='10' xml:lang='en' xmpp:version='1.0' xmlns='${NS_HTTPBIND}' xmlns:xmpp='urn:xmpp:xbosh'/>`;
    return {
      method: 'POST',
      path,
      headers: HEADERS,
      body,
      metric: LATENCY.httpLatency,
      judge: (status, text) => statusOnly(status) ?? (SID.test(text) && !/\stype=(['"])terminate\1/.test(text.slice(0, 512)) ? undefined : 'no-session'),
      accept: (text) => created.push({ sid: SID.exec(text)![2]!, rid: own + 1 }),
    };
  };
  const terminate = (session: { sid: string; rid: number }): Exchange => ({
    method: 'POST',
    path,
    headers: HEADERS,
    body: `<body rid='${session.rid}' sid='${session.sid}' type='terminate' xmlns='${NS_HTTPBIND}'><presence type='unavailable' xmlns='jabber:client'/></body>`,
    metric: LATENCY.httpLatency,
    endpoint: `${label}-terminate`,
    judge: statusOnly,
  });
  return {
    // The creation's answer is accepted just before its connection asks for the next request.
    next: () => {
      const session = created.pop();
      return session ? terminate(session) : create();
    },
    open: () => created.length,
  };
}
