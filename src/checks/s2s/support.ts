/**
 * What the s2s checks share: a raw probe on the target's s2s port, simulated peers, a local user
 * who is online, and waits on the peer side. Verdict-free: the checks decide.
 */
import { randomBytes } from 'node:crypto';
import type { PeerNetwork, S2sStream, StreamEnd } from '../../s2s/index.js';
import { xml, type Element, type ProbeOpened, type RawProbe, type Session } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckOutcome, PeerRequest } from '../types.js';

export const SERVER_NS = 'jabber:server';
export const DIALBACK_NS = 'jabber:server:dialback';
export const DIALBACK_FEATURE_NS = 'urn:xmpp:features:dialback';
/** Generous: the lab shares two cores with other work. */
export const WAIT_MS = 8000;

/** Why a dialback check does not apply: dialback is optional (XEP-0220 §2.4); `--require dialback` judges its absence. */
export const DIALBACK_NOT_OFFERED = 'the server does not offer dialback (optional, XEP-0220 §2.4)';

/**
 * How the target signals dialback on a stream it opened for our peer: the stream feature (§2.4.2),
 * only the namespace declaration in its header (§2.4.1; ejabberd declares it even with dialback
 * off, so this alone is not an offer we can hold it to), or nothing.
 */
export type DialbackSignal = 'feature' | 'declared' | 'absent';

export function dialbackSignal(stream: S2sStream, features: Element): DialbackSignal {
  if (features.getChild('dialback', DIALBACK_FEATURE_NS)) return 'feature';
  const declared = Object.entries(stream.header ?? {}).some(([name, value]) => name.startsWith('xmlns:') && value === DIALBACK_NS);
  return declared ? 'declared' : 'absent';
}

/** The stream end the target caused (a stream error or its close tag), from a stream or a thrown error. */
export function endedByTarget(source: S2sStream | unknown): StreamEnd | undefined {
  const end = source instanceof Object && 'streamEnd' in source ? (source as { streamEnd: StreamEnd }).streamEnd : (source as S2sStream | undefined)?.end;
  return end?.by === 'them' ? end : undefined;
}

/**
 * The skip for a target that does not offer dialback: no signal at all, or only the namespace
 * declared and dialback then refused as unsupported (`refusal` says how). undefined: judge it.
 */
export function notOffered(signal: DialbackSignal, refusal?: string): CheckOutcome | undefined {
  if (signal === 'absent') return { outcome: 'skip', reason: `${DIALBACK_NOT_OFFERED}: no dialback feature, no dialback namespace in its header` };
  if (signal === 'declared' && refusal) return { outcome: 'skip', reason: `${DIALBACK_NOT_OFFERED}: no dialback feature, and ${refusal}` };
  return undefined;
}

/** The refusal text for `notOffered` when the target ended the stream on our dialback attempt. */
export function endedOnDialback(source: S2sStream | unknown): string | undefined {
  const end = endedByTarget(source);
  return end && `it ended the stream (${end.condition}) on our dialback attempt`;
}

/**
 * How the target signals dialback to our peer, from a stream opened only to look: the secured one,
 * or, when the target ends that before its features (Prosody without dialback has none to offer),
 * the cleartext one. undefined: no stream opened at all.
 */
export async function signalTo(ctx: CheckContext, network: PeerNetwork, peer: string): Promise<DialbackSignal | undefined> {
  for (const tls of [true, false]) {
    const opened = await network.openStream(peer, ctx.target.domain, { tls }).catch(() => undefined);
    opened?.stream.close();
    if (opened) return dialbackSignal(opened.stream, opened.features);
  }
  return undefined;
}

/** A peer-like domain nobody serves (RFC 2606 reserves .example). */
export function strangerDomain(): string {
  return `stranger-${randomBytes(4).toString('hex')}.example`;
}

export function s2sPortOf(ctx: CheckContext): number {
  const port = ctx.target.s2sPort;
  if (port === undefined) throw Object.assign(new Error('no s2s port is known for this target'), { skip: true });
  return port;
}

/** A raw probe on the s2s port that has sent a `jabber:server` header (with the dialback prefix). */
export async function openS2sProbe(ctx: CheckContext, header: { to?: string; from?: string; ns?: string } = {}): Promise<{ probe: RawProbe; opened: ProbeOpened }> {
  const probe = await ctx.raw({ port: s2sPortOf(ctx), label: 's2s' });
  const opened = await probe.open({ ns: header.ns ?? SERVER_NS, to: header.to ?? ctx.target.domain, from: header.from ?? strangerDomain() });
  return { probe, opened };
}

export function peersOf(ctx: CheckContext, request?: PeerRequest): Promise<PeerNetwork> {
  if (!ctx.peers) throw new Error('this run cannot make simulated s2s peers');
  return ctx.peers(request);
}

/** A fresh local account, logged in and available (messages to its bare JID reach it). */
export async function onlineLocalUser(ctx: CheckContext): Promise<{ account: CheckAccount; session: Session }> {
  const account = await ctx.account();
  const session = await ctx.login(account);
  await session.send(xml('presence'));
  await ctx.barrier(session);
  return { account, session };
}

/** The next element on a hand-driven peer stream, or undefined when none comes in time. */
export async function nextOrNothing(stream: S2sStream, timeoutMs = WAIT_MS): Promise<Element | undefined> {
  return stream.next(timeoutMs, 'an answer').catch(() => undefined);
}

/** The message carrying `body` that reaches `session` within `timeoutMs`, or undefined. */
export function messageWithBody(session: Session, body: string, timeoutMs = WAIT_MS): Promise<Element | undefined> {
  return session.waitFor((s) => s.name === 'message' && s.getChildText('body') === body, timeoutMs).catch(() => undefined);
}

/** Resolves with how the stream ended, or undefined if it is still open after `timeoutMs`. */
export function endOf(stream: S2sStream, timeoutMs = WAIT_MS): Promise<StreamEnd | undefined> {
  if (stream.end) return Promise.resolve(stream.end);
  return new Promise((resolve) => {
    const timer = setTimeout(() => (stream.off('ended', onEnd), resolve(undefined)), timeoutMs);
    const onEnd = (end: StreamEnd) => (clearTimeout(timer), resolve(end));
    stream.once('ended', onEnd);
  });
}

/** The defined condition inside a dialback or stanza <error/>. */
export function errorCondition(element: Element): string | undefined {
  return element.getChild('error')?.getChildElements()[0]?.name;
}

/** A short description of an element for reasons. */
export function describe(element: Element | undefined): string {
  if (!element) return 'nothing';
  const type = element.attrs.type ? ` type='${element.attrs.type}'` : '';
  const condition = errorCondition(element);
  return `<${element.name}${type}/>${condition ? ` (${condition})` : ''}`;
}
