/**
 * XEP-0077 moves on a raw stream (so every byte is in the wire log, passwords redacted):
 * open and secure a registration stream, send jabber:iq:register queries, classify the answer,
 * and remove the throwaway accounts the checks create.
 */
import { randomBytes } from 'node:crypto';
import { NS, XmppStanzaError, xml, type Element, type Session } from '../../xmpp/index.js';
import type { RawProbe } from '../../xmpp/raw-probe.js';
import type { CheckAccount, CheckContext } from '../types.js';
import { ServerFault } from '../blame.js';

export const NS_REGISTER = 'jabber:iq:register';
export const NS_REGISTER_FEATURE = 'http://jabber.org/features/iq-register';

export type RegisterAnswer =
  | { kind: 'result'; stanza: Element }
  | { kind: 'error'; condition: string; stanza: Element }
  | { kind: 'stream-error'; condition: string }
  | { kind: 'closed'; detail: string };

export function describe(answer: RegisterAnswer): string {
  switch (answer.kind) {
    case 'result':
      return 'an IQ result';
    case 'error':
      return `an IQ error <${answer.condition}/>`;
    case 'stream-error':
      return `a <${answer.condition}/> stream error`;
    case 'closed':
      return `no answer (${answer.detail})`;
  }
}

/** A throwaway account name and password, never reused. */
export function throwaway(ctx: CheckContext): CheckAccount {
  const username = `gauntlet-ibr-${randomBytes(5).toString('hex')}`;
  return { username, password: randomBytes(12).toString('hex'), domain: ctx.target.domain, jid: `${username}@${ctx.target.domain}` };
}

/** A raw stream after STARTTLS, and whether its features offer in-band registration. */
export async function securedStream(ctx: CheckContext): Promise<{ probe: RawProbe; offered: boolean }> {
  const probe = await ctx.raw({ label: 'ibr' });
  const first = await probe.open();
  if (first.error) throw new ServerFault(`the server refused the stream header with <${first.error.condition}/>`);
  const secured = await probe.startTls();
  if (secured.error) throw new ServerFault(`the server refused the stream after STARTTLS with <${secured.error.condition}/>`);
  return { probe, offered: secured.features?.getChild('register', NS_REGISTER_FEATURE) !== undefined };
}

/** Sends one jabber:iq:register query and classifies the answer. */
export async function registerQuery(probe: RawProbe, domain: string, type: 'get' | 'set', children: Element[]): Promise<RegisterAnswer> {
  const id = `reg-${randomBytes(4).toString('hex')}`;
  probe.send(xml('iq', { type, id, to: domain }, xml('query', { xmlns: NS_REGISTER }, ...children)).toString());
  let reply: Element;
  try {
    reply = await probe.waitFor((el) => (el.name === 'iq' && el.attrs.id === id) || el.is('error', NS.stream), 10_000);
  } catch (error) {
    return { kind: 'closed', detail: error instanceof Error ? error.message : String(error) };
  }
  if (reply.is('error', NS.stream)) {
    const condition = reply.getChildElements().find((c) => c.getNS() === NS.streams && c.name !== 'text')?.name ?? 'undefined-condition';
    return { kind: 'stream-error', condition };
  }
  if (reply.attrs.type === 'result') return { kind: 'result', stanza: reply };
  return { kind: 'error', condition: XmppStanzaError.fromStanza(reply).condition, stanza: reply };
}

export function credentials(account: CheckAccount, password = account.password): Element[] {
  return [xml('username', {}, account.username), xml('password', {}, password)];
}

/** Registers `account` on a fresh secured stream; the stream is closed afterwards. */
export async function register(ctx: CheckContext, account: CheckAccount, children = credentials(account)): Promise<RegisterAnswer> {
  const { probe } = await securedStream(ctx);
  try {
    return await registerQuery(probe, ctx.target.domain, 'set', children);
  } finally {
    probe.close();
  }
}

/** Sends a jabber:iq:register set with `children` on a logged-in session and reports the answer. */
export async function registerSet(session: Session, children: Element[]): Promise<{ ok: boolean; detail: string }> {
  try {
    await session.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: NS_REGISTER }, ...children)));
    return { ok: true, detail: 'an IQ result' };
  } catch (error) {
    if (error instanceof XmppStanzaError) return { ok: false, detail: `an IQ error <${error.condition}/>` };
    throw error;
  }
}

/** Sends <remove/> (plus `extra` children) on a logged-in session and reports the answer. */
export async function cancelRegistration(session: Session, extra: Element[] = []): Promise<{ ok: boolean; detail: string }> {
  try {
    return await registerSet(session, [xml('remove'), ...extra]);
  } catch (error) {
    // XEP-0077 §3.2 lets the server end the session with a stream error instead of answering.
    if (session.closed) return { ok: true, detail: 'the session was closed' };
    throw error;
  }
}

/** Whether `account` can log in right now (a fresh session, closed again). */
export async function canLogIn(ctx: CheckContext, account: CheckAccount): Promise<boolean> {
  try {
    const session = await ctx.login(account, { resource: 'probe' });
    await session.close();
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'XmppAuthError') return false;
    throw error;
  }
}

/** Best-effort removal of a throwaway account at the end of a check. */
export async function removeQuietly(ctx: CheckContext, account: CheckAccount): Promise<void> {
  try {
    const session = await ctx.login(account, { resource: 'cleanup' });
    await cancelRegistration(session);
    ctx.note(`removed ${account.jid}`);
  } catch {
    ctx.note(`${account.jid} could not be removed (it may not exist)`);
  }
}
