// FAKE BOSH SERVER. A hand-written XEP-0124/0206 connection manager on loopback (HTTPS, lab CA)
// that behaves by the text except for ONE named fault per case: the proofs that each bosh check
// fails when exactly its rule is broken. It speaks just enough XMPP to get there (features, SASL
// PLAIN for one account, the restart, bind); it holds no request (every answer comes at once) and
// enforces the polling interval in polling sessions only.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseXml } from '../../../src/xmpp/xml.js';

export const FAKE_BOSH_FAULTS = {
  none: 'conforming: every bosh check passes',
  'no-requests': "the creation response has no 'requests'",
  'wait-too-long': "the creation response grants a longer 'wait' than asked",
  'hold-above-asked': "a polling session (hold='0') is granted hold='1'",
  'no-polling': "the creation response has no 'polling' or 'inactivity'",
  'content-type-html': 'responses say Content-Type text/html',
  'rid-ignored': 'a rid beyond the window is answered like any request',
  'rid-http-404': 'a rid beyond the window ends the session with HTTP 404 instead of a binding condition',
  'stale-rid-bad-request': 'a rid repeated after its response left the buffer ends the session with bad-request, not item-not-found',
  'polling-unenforced': "empty polls inside the 'polling' interval are all answered",
  'terminate-ignored': "type='terminate' is acknowledged, but the session lives on",
  'no-version': 'no xmpp:version attribute anywhere',
  'stream-prefix-on-features': 'xmlns:stream is declared on <stream:features/>, not on the <body/>',
  'no-restart': 'the restart request is answered with an empty <body/>',
  'no-restartlogic': "restarts work, but the creation response has no xmpp:restartlogic",
} as const;

export type FakeBoshFault = keyof typeof FAKE_BOSH_FAULTS;

export const FAKE_BOSH_USER = 'alice';
export const FAKE_BOSH_PASSWORD = 'fake-bosh-not-a-secret';

const HTTPBIND = 'http://jabber.org/protocol/httpbind';
const STREAM = 'http://etherx.jabber.org/streams';
const XBOSH = 'urn:xmpp:xbosh';
const REQUESTS = 2;
/** The 'polling' interval in seconds (enforced in polling sessions). */
const POLLING = 2;
const MAX_REQUEST = 64 * 1024;

interface FakeSession {
  rid: number;
  live: boolean;
  authed: boolean;
  /** A polling session (the client asked for wait or hold 0): the interval between empty polls is enforced. */
  polling: boolean;
  /** When the last request came, if it was empty and its answer carried no payload (§12). */
  lastEmptyPoll?: number;
  /** The answers to the last REQUESTS rids, sent again when a rid is repeated (§14.3). */
  buffer: Map<number, [number, string]>;
}

export interface FakeBoshServer {
  url: string;
  close(): Promise<void>;
}

export async function startFakeBoshServer(fault: FakeBoshFault, options: { domain: string; certPem: string; keyPem: string }): Promise<FakeBoshServer> {
  const { domain } = options;
  const sessions = new Map<string, FakeSession>();
  const streamNs = fault === 'stream-prefix-on-features' ? '' : ` xmlns:stream='${STREAM}'`;
  const featuresNs = fault === 'stream-prefix-on-features' ? ` xmlns:stream='${STREAM}'` : '';
  const version = fault === 'no-version' ? '' : ` xmlns:xmpp='${XBOSH}' xmpp:version='1.0'`;
  const features = (inner: string) => `<stream:features${featuresNs}>${inner}</stream:features>`;
  const body = (attrs: string, payload = '') => `<body xmlns='${HTTPBIND}'${streamNs}${attrs ? ` ${attrs}` : ''}>${payload}</body>`;
  const ended = (condition: string) => `<body xmlns='${HTTPBIND}' type='terminate' condition='${condition}'/>`;

  function create(rid: number, wait: number, hold: number): string {
    const sid = randomBytes(8).toString('hex');
    const granted = fault === 'hold-above-asked' ? 1 : Math.min(hold, 1);
    // The client asked for a polling session (XEP-0124 §12); without a 'polling' attribute any rate must be allowed.
    sessions.set(sid, { rid, live: true, authed: false, polling: (wait === 0 || hold === 0) && fault !== 'no-polling', buffer: new Map() });
    const attrs = [
      `sid='${sid}'`,
      `wait='${fault === 'wait-too-long' ? 600 : Math.min(wait, 5)}'`,
      fault === 'no-requests' ? '' : `requests='${REQUESTS}'`,
      fault === 'no-polling' ? '' : `polling='${POLLING}' inactivity='30'`,
      `hold='${granted}' ver='1.11' from='${domain}'`,
      fault === 'no-restartlogic' ? '' : `xmlns:xb='${XBOSH}' xb:restartlogic='true'`,
    ].filter(Boolean);
    const mechanisms = `<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>`;
    return body(attrs.join(' ') + version, features(mechanisms));
  }

  /** One request of a known session: [HTTP status, response text]. */
  function answer(session: FakeSession, request: ReturnType<typeof parseXml>): [number, string] {
    const rid = Number(request.attrs.rid);
    if (rid > session.rid + REQUESTS) {
      if (fault === 'rid-ignored') return [200, body('')];
      session.live = false;
      return fault === 'rid-http-404' ? [404, ''] : [200, ended('item-not-found')];
    }
    session.rid = Math.max(session.rid, rid);
    if (request.attrs.type === 'terminate') {
      if (fault !== 'terminate-ignored') session.live = false;
      return [200, `<body xmlns='${HTTPBIND}' type='terminate'/>`];
    }
    const auth = request.getChild('auth');
    if (auth) {
      const [, user, password] = Buffer.from(auth.text(), 'base64').toString().split('\0');
      session.authed = user === FAKE_BOSH_USER && password === FAKE_BOSH_PASSWORD;
      const sasl = "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'";
      return [200, body('', session.authed ? `<success ${sasl}/>` : `<failure ${sasl}><not-authorized/></failure>`)];
    }
    const restart = Object.entries(request.attrs).some(([name, value]) => name.endsWith(':restart') && value === 'true');
    if (restart && session.authed && fault !== 'no-restart') return [200, body('', features(`<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>`))];
    return [200, body('')];
  }

  function respond(text: string): [number, string] {
    let request;
    try {
      request = parseXml(text);
    } catch {
      return [200, ended('bad-request')];
    }
    const sid = request.attrs.sid;
    if (!sid) return [200, create(Number(request.attrs.rid), Number(request.attrs.wait ?? 5), Number(request.attrs.hold ?? 1))];
    const session = sessions.get(sid);
    if (!session?.live) return [200, ended('item-not-found')];
    const rid = Number(request.attrs.rid);
    if (rid <= session.rid) return repeated(session, rid);
    const empty = request.children.length === 0 && !request.attrs.type && !Object.keys(request.attrs).some((name) => name.endsWith(':restart'));
    const now = Date.now();
    if (empty && session.polling && fault !== 'polling-unenforced' && session.lastEmptyPoll !== undefined && now - session.lastEmptyPoll < POLLING * 1000) {
      session.live = false;
      return [200, ended('policy-violation')];
    }
    const [status, reply] = answer(session, request);
    session.lastEmptyPoll = empty && status === 200 && reply === body('') ? now : undefined;
    session.buffer.set(rid, [status, reply]);
    session.buffer.delete(rid - REQUESTS);
    return [status, reply];
  }

  /** A rid seen before: the buffered answer, or item-not-found once it has left the buffer. */
  function repeated(session: FakeSession, rid: number): [number, string] {
    const copy = session.buffer.get(rid);
    if (copy) return copy;
    session.live = false;
    return [200, ended(fault === 'stale-rid-bad-request' ? 'bad-request' : 'item-not-found')];
  }

  const server: Server = createServer({ cert: options.certPem, key: options.keyPem }, (req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_REQUEST) req.destroy();
    });
    req.on('end', () => {
      const [status, reply] = req.method === 'POST' ? respond(text) : [405, ''];
      res.writeHead(status, { 'content-type': fault === 'content-type-html' ? 'text/html' : 'text/xml; charset=utf-8' });
      res.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${domain}:${port}/http-bind`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
