/**
 * FAKE WEBSOCKET SERVER. A hand-written RFC 7395 endpoint on loopback (plain ws://) that speaks
 * just enough XMPP over WebSocket for the websocket checks: framed <open/>/<close/>, SCRAM-SHA-1 for
 * one account, the restart, host-unknown and invalid-namespace stream errors. Well-behaved by
 * default; each named fault breaks exactly one RFC 7395 rule and nothing else (lab ejabberd
 * shows 'accepts-wrong-namespace' too, among its other behaviour; the rest no lab server shows).
 */
import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_WS_DOMAIN = 'ws.fake.example';
export const FAKE_WS_ACCOUNT = { username: 'alice', password: 'fake-ws-secret', domain: FAKE_WS_DOMAIN, jid: `alice@${FAKE_WS_DOMAIN}` };

export const WEBSOCKET_FAULTS = {
  'no-subprotocol': "the upgrade is answered without Sec-WebSocket-Protocol: xmpp (§3.1)",
  'open-without-id': "the server's <open/> has no 'id' (§3.4)",
  'whitespace-before-close': 'a whitespace-only message before the <close/> answer (§3.3.3)',
  'xml-declaration': 'every message starts with an XML declaration (§3.3.3, NOT RECOMMENDED)',
  'starttls-offered': 'the features over WebSocket offer STARTTLS (§3.9)',
  'accepts-wrong-namespace': "an <open/> in 'jabber:client' is served like a framed one (§3.3.2)",
  'error-without-close': 'a stream error is followed by the WebSocket closing, with no <close/> (§3.5)',
  'no-restart': 'the new <open/> after SASL success is never answered (§3.7)',
} as const;
export type WebSocketFault = keyof typeof WEBSOCKET_FAULTS;

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const FEATURES = (inner: string) => `<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${inner}</stream:features>`;
const STREAM_ERROR = (condition: string) =>
  `<stream:error xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`;
const b64 = (text: string) => Buffer.from(text).toString('base64');

export interface FakeWebSocketServer {
  /** ws://127.0.0.1:<port>/xmpp-websocket */
  url: string;
  close(): Promise<void>;
}

export async function startFakeWebSocketServer(fault?: WebSocketFault): Promise<FakeWebSocketServer> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (fault !== 'no-subprotocol' && protocols.has('xmpp') ? 'xmpp' : false),
  });
  server.on('connection', (ws) => serve(ws, fault));
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/xmpp-websocket`,
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/** One connection's script: answers each client message as a well-behaved server would, but for `fault`. */
function serve(ws: WebSocket, fault: WebSocketFault | undefined): void {
  const send = (text: string) => ws.send(fault === 'xml-declaration' ? `<?xml version='1.0'?>${text}` : text);
  const open = (from?: string) => send(`<open xmlns='${FRAMING}'${from ? ` from='${from}'` : ''}${fault === 'open-without-id' ? '' : ` id='${randomBytes(6).toString('hex')}'`} version='1.0' xml:lang='en'/>`);
  const refuse = (condition: string) => {
    open();
    send(STREAM_ERROR(condition));
    if (fault !== 'error-without-close') send(`<close xmlns='${FRAMING}'/>`);
    ws.close(1000);
  };
  let authenticated = false;
  let scram: { bare: string; serverFirst: string; salt: Buffer } | undefined;

  ws.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('<open')) {
      const framed = text.includes(`xmlns='${FRAMING}'`) || text.includes(`xmlns="${FRAMING}"`);
      if (!framed && fault !== 'accepts-wrong-namespace') return refuse('invalid-namespace');
      const to = /\bto=['"]([^'"]+)['"]/.exec(text)?.[1];
      if (to !== FAKE_WS_DOMAIN) return refuse('host-unknown');
      if (authenticated && fault === 'no-restart') return;
      open(FAKE_WS_DOMAIN);
      const tls = fault === 'starttls-offered' ? "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>" : '';
      send(FEATURES(authenticated ? "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>" : `${tls}<mechanisms xmlns='${SASL}'><mechanism>SCRAM-SHA-1</mechanism></mechanisms>`));
    } else if (text.startsWith('<auth')) {
      const clientFirst = Buffer.from(/>([^<]*)</.exec(text)?.[1] ?? '', 'base64').toString();
      const bare = clientFirst.replace(/^[^,]*,[^,]*,/, '');
      const salt = randomBytes(16);
      const serverFirst = `r=${/r=([^,]+)/.exec(bare)?.[1] ?? ''}${randomBytes(8).toString('hex')},s=${salt.toString('base64')},i=4096`;
      scram = { bare, serverFirst, salt };
      send(`<challenge xmlns='${SASL}'>${b64(serverFirst)}</challenge>`);
    } else if (text.startsWith('<response') && scram) {
      const clientFinal = Buffer.from(/>([^<]*)</.exec(text)?.[1] ?? '', 'base64').toString();
      const authMessage = `${scram.bare},${scram.serverFirst},${clientFinal.replace(/,p=[^,]*$/, '')}`;
      const serverKey = createHmac('sha1', pbkdf2Sync(FAKE_WS_ACCOUNT.password, scram.salt, 4096, 20, 'sha1')).update('Server Key').digest();
      authenticated = true;
      send(`<success xmlns='${SASL}'>${b64(`v=${createHmac('sha1', serverKey).update(authMessage).digest('base64')}`)}</success>`);
    } else if (text.startsWith('<close')) {
      if (fault === 'whitespace-before-close') ws.send(' ');
      send(`<close xmlns='${FRAMING}'/>`);
      ws.close(1000);
    }
  });
  ws.on('error', () => undefined);
}
