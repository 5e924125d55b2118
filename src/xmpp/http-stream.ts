/**
 * The part of a c2s connection before authentication over WebSocket (RFC 7395) or BOSH
 * (XEP-0206): TLS is the HTTPS/WSS layer itself, so the first stream's features go to SASL.
 * No channel binding: TLS may end at a reverse proxy, whose keys the server does not share.
 */
import { BoshSocket } from './bosh-socket.js';
import { XmppConnectError } from './errors.js';
import { timed, type OpenedStream, type StreamTarget } from './secure-stream.js';
import type { SessionTimings } from './session.js';
import { XmppStream } from './stream.js';
import { WebSocketSocket } from './websocket-socket.js';

const SCHEMES = { websocket: ['wss:', 'ws:'], bosh: ['https:', 'http:'] } as const;

function checkedUrl(target: StreamTarget, transport: 'websocket' | 'bosh'): string {
  const { url } = target;
  if (!url) throw new XmppConnectError('other', `the ${transport} transport needs a URL`, { hint: 'give target.url, or let XEP-0156 discovery find it' });
  const scheme = new URL(url).protocol;
  if (!(SCHEMES[transport] as readonly string[]).includes(scheme)) {
    throw new XmppConnectError('other', `a ${transport} URL starts with ${SCHEMES[transport].join(' or ')}, not ${scheme}`);
  }
  if (scheme === 'ws:' || scheme === 'http:') {
    if (target.tls !== 'none') throw new XmppConnectError('tls-unavailable', `${url} is not encrypted`, { hint: `use ${SCHEMES[transport][0]}// (or tls: none where cleartext is meant)` });
  }
  return url;
}

export async function openHttpStream(target: StreamTarget, timings: Partial<SessionTimings>): Promise<OpenedStream> {
  const transport = target.transport === 'bosh' ? 'bosh' : 'websocket';
  const { domain, timeoutMs = 10_000 } = target;
  const endpoint = { url: checkedUrl(target, transport), ca: target.ca, host: target.host, timeoutMs };
  const stream = new XmppStream({ domain, username: target.username, lang: target.lang, timeoutMs, wire: target.wire, transport });
  let socket: WebSocketSocket | BoshSocket | undefined;
  try {
    if (transport === 'websocket') {
      socket = await timed(timings, 'ws_connect', () => WebSocketSocket.connect(endpoint, domain));
      stream.attachTransport(socket);
      const features = await stream.open();
      return { stream, socket, features };
    }
    const started = performance.now();
    const onRoundTrip = (ms: number, kind: 'create' | 'request') => {
      if (kind === 'create') timings.bosh_session_create = ms;
      target.onBoshRoundTrip?.(ms, kind);
    };
    socket = new BoshSocket({ ...endpoint, onRoundTrip }, domain);
    stream.attachTransport(socket);
    const features = await stream.open();
    timings.bosh_session_create ??= performance.now() - started;
    return { stream, socket, features };
  } catch (error) {
    stream.destroy();
    socket?.destroy();
    throw error;
  }
}
