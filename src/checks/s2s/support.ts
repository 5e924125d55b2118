/**
 * What the s2s checks share: a raw probe on the target's s2s port, simulated peers, a local user
 * who is online, and waits on the peer side. Verdict-free: the checks decide.
 */
import { randomBytes } from 'node:crypto';
import type { PeerNetwork, S2sStream, StreamEnd } from '../../s2s/index.js';
import { xml, type Element, type ProbeOpened, type RawProbe, type Session } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, PeerRequest } from '../types.js';

export const SERVER_NS = 'jabber:server';
export const DIALBACK_NS = 'jabber:server:dialback';
export const DIALBACK_FEATURE_NS = 'urn:xmpp:features:dialback';
/** Generous: the lab shares two cores with other work. */
export const WAIT_MS = 8000;

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
