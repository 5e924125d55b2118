/**
 * Steps the websocket checks share: the endpoint (or why the check skips), a raw probe on it with
 * our CA trust and host pinning, the framed <open/>, reading messages until the stream is ready or
 * over, and judging a message as the standalone document RFC 7395 §3.3.3 asks for. Verdict-free.
 */
import { NS, parseXml, type Element, type HandshakeAnswer, type ProbeMessage } from '../../xmpp/index.js';
import { WebSocketProbe } from '../../xmpp/websocket-probe.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { withoutDeclaration } from './frame-document.js';

/** Generous: the server shares two cores with other work. */
export const WAIT_MS = 8000;
/** The most messages a greeting or a closing may take before we stop reading (a server that floods). */
const MAX_GREETING_MESSAGES = 16;

export const NO_ENDPOINT: CheckOutcome = { outcome: 'skip', reason: 'no WebSocket endpoint known: give --websocket-url (a --lab server without an HTTP side has none)' };

/** The framed stream header a client sends (RFC 7395 §3.4); `xmlns` replaced only to provoke an error. */
export function openFrame(to: string, xmlns: string = NS.framing): string {
  return `<open xmlns='${xmlns}' to='${to}' version='1.0'/>`;
}

export const CLOSE_FRAME = `<close xmlns='${NS.framing}'/>`;

/** Connects to the target's WebSocket endpoint offering `protocols`; wire-logged as notes. */
export async function connectProbe(ctx: CheckContext, protocols: readonly string[] = ['xmpp']): Promise<{ handshake: HandshakeAnswer; probe?: WebSocketProbe }> {
  const url = ctx.target.http?.websocket;
  if (!url) throw new Error('connectProbe without a WebSocket endpoint');
  ctx.note(`WebSocket upgrade of ${url}, subprotocols offered: ${protocols.length > 0 ? protocols.join(', ') : '(none)'}`);
  const result = await WebSocketProbe.connect(
    { url, ca: ctx.target.caPem, host: ctx.target.host, protocols, timeoutMs: WAIT_MS, wire: (dir, text) => ctx.note(`${dir === 'out' ? 'sent' : 'got'}: ${text}`) },
    ctx.target.domain,
  );
  ctx.note(`upgrade answer: ${describeHandshake(result.handshake)}`);
  return result;
}

export function describeHandshake(handshake: HandshakeAnswer): string {
  const status = handshake.status === undefined ? 'no HTTP answer' : `HTTP ${handshake.status}`;
  const protocol = handshake.subprotocol === undefined ? 'no Sec-WebSocket-Protocol' : `Sec-WebSocket-Protocol '${handshake.subprotocol}'`;
  return `${status}, ${protocol}${handshake.failure ? ` (${handshake.failure})` : ''}`;
}

/** An open probe with our framed <open/> sent, or the outcome explaining why the check cannot go on. */
export async function openedProbe(ctx: CheckContext, to = ctx.target.domain, xmlns: string = NS.framing): Promise<{ probe: WebSocketProbe } | { stop: CheckOutcome }> {
  const { handshake, probe } = await connectProbe(ctx);
  if (!probe) return { stop: { outcome: 'skip', reason: `the WebSocket did not open with subprotocol xmpp: ${describeHandshake(handshake)}` } };
  probe.send(openFrame(to, xmlns));
  return { probe };
}

/** What came back until the stream was ready (features), refused (error/close) or quiet. */
export interface Greeting {
  messages: ProbeMessage[];
  /** Each message parsed as one element; undefined where it is not one (binary, not well-formed, several). */
  elements: Array<Element | undefined>;
  features?: Element;
  error?: Element;
  closed: boolean;
}

/** Reads messages until <stream:features/>, a <close/>, the WebSocket's end or WAIT_MS of silence. */
export async function readGreeting(probe: WebSocketProbe): Promise<Greeting> {
  const greeting: Greeting = { messages: [], elements: [], closed: false };
  while (greeting.messages.length < MAX_GREETING_MESSAGES) {
    const message = await probe.next(WAIT_MS);
    if (!message) break;
    const element = elementOf(message);
    greeting.messages.push(message);
    greeting.elements.push(element);
    if (element?.is('features', NS.stream)) greeting.features = element;
    if (element?.is('error', NS.stream)) greeting.error = element;
    if (greeting.features || element?.is('close', NS.framing)) break;
  }
  greeting.closed = (await probe.closed(0)) !== undefined;
  return greeting;
}

/** The one element a text message holds, or undefined (binary, not well-formed, several, none). */
export function elementOf(message: ProbeMessage): Element | undefined {
  if (message.binary) return undefined;
  try {
    return parseXml(withoutDeclaration(message.text));
  } catch {
    return undefined;
  }
}

/** A short, bounded view of a message for reasons. */
export function shown(message: ProbeMessage): string {
  if (message.binary) return 'a binary message';
  const text = message.text.length > 120 ? `${message.text.slice(0, 120)}…` : message.text;
  return `'${text}'`;
}

/** The first stream error condition in `error`, e.g. 'host-unknown'. */
export function conditionOf(error: Element | undefined): string | undefined {
  return error?.children.find((child): child is Element => typeof child !== 'string' && child.attrs.xmlns === NS.streams && child.name !== 'text')?.name;
}
