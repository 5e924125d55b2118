/**
 * Shared moves of the message and offline checks: bring a resource online with a priority,
 * send a tagged message, watch what each session receives, and settle the server so that
 * "nothing arrived" is a fact rather than a guess.
 */
import { randomBytes } from 'node:crypto';
import { NS, XmppStanzaError, XmppTimeoutError, xml, type Element, type Session } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext } from '../types.js';

export const NS_DELAY = 'urn:xmpp:delay';
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';

/** A short random tag: message ids and bodies carry it so stray traffic never matches. */
export function tag(prefix = 'g'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Logs in `account` as `resource` and sends initial presence, with a priority when given. */
export async function online(ctx: CheckContext, account: CheckAccount, resource: string, priority?: number): Promise<Session> {
  const session = await ctx.login(account, { resource });
  await sendPresence(session, priority);
  await ctx.barrier(session);
  return session;
}

/** Two fresh accounts: the first logged in as resource 'sender', the recipient not online yet. */
export async function senderAndRecipient(ctx: CheckContext): Promise<{ sender: Session; recipient: CheckAccount }> {
  const [from, recipient] = [await ctx.account(), await ctx.account()];
  const sender = await ctx.login(from, { resource: 'sender' });
  return { sender, recipient };
}

/** A sender and one online resource of the recipient, both watching for the same fresh message id. */
export interface SenderAndOneResource {
  sender: Session;
  recipient: CheckAccount;
  /** The recipient's only online resource. */
  resource: Session;
  id: string;
  atSender: Watch;
  atResource: Watch;
}

/** `senderAndRecipient`, then the recipient online as `resource` with `priority`, and a `tag(idPrefix)` watched on both. */
export async function senderAndOneResource(ctx: CheckContext, resource: string, priority: number, idPrefix: string): Promise<SenderAndOneResource> {
  const { sender, recipient } = await senderAndRecipient(ctx);
  const onlineResource = await online(ctx, recipient, resource, priority);
  const id = tag(idPrefix);
  return { sender, recipient, resource: onlineResource, id, atSender: new Watch(sender, [id]), atResource: new Watch(onlineResource, [id]) };
}

export async function sendPresence(session: Session, priority?: number): Promise<void> {
  await session.send(priority === undefined ? xml('presence') : xml('presence', {}, xml('priority', {}, String(priority))));
}

export interface MessageSpec {
  to?: string;
  type?: string;
  id: string;
  /** Body text; omitted when `children` replace it (e.g. a chat state only). */
  body?: string;
  children?: Element[];
}

export function message(spec: MessageSpec): Element {
  const attrs: Record<string, string> = { id: spec.id };
  if (spec.to !== undefined) attrs.to = spec.to;
  if (spec.type !== undefined) attrs.type = spec.type;
  const body = spec.body === undefined ? [] : [xml('body', {}, spec.body)];
  return xml('message', attrs, ...body, ...(spec.children ?? []));
}

/**
 * Two barrier rounds on each session, in order. Some servers route stanzas they generate while
 * handling our last stanza (offline flushes, bounces) through their own queue; the second round
 * is sent only after the first is answered, so such stanzas are in front of it.
 */
export async function settle(ctx: CheckContext, ...sessions: Session[]): Promise<void> {
  for (const session of sessions) {
    await ctx.barrier(session);
    await ctx.barrier(session);
  }
}

/** Records every stanza a session receives from now on whose id is one of `ids`. */
export class Watch {
  readonly seen: Element[] = [];
  readonly #session: Session;
  readonly #ids: readonly string[];
  readonly #listener: (stanza: Element) => void;

  constructor(session: Session, ids: readonly string[]) {
    this.#session = session;
    this.#ids = ids;
    this.#listener = (stanza) => {
      if (stanza.attrs.id !== undefined && ids.includes(stanza.attrs.id)) this.seen.push(stanza);
    };
    session.on('stanza', this.#listener);
  }

  /** Messages (not errors) carrying `id`. */
  delivered(id: string): Element[] {
    return this.seen.filter((s) => s.name === 'message' && s.attrs.id === id && s.attrs.type !== 'error');
  }

  /** The error bounce for `id`, if one came back. */
  bounce(id: string): Element | undefined {
    return this.seen.find((s) => s.attrs.id === id && s.attrs.type === 'error');
  }

  /**
   * Adds matching stanzas that reached the session before this watch existed (they wait in the
   * session's inbox, e.g. ones sent right after binding). Claims them from the inbox.
   */
  async claimEarlier(): Promise<void> {
    for (const id of this.#ids) {
      for (let stanza = await arrival(this.#session, id, 1); stanza; stanza = await arrival(this.#session, id, 1)) {
        if (!this.seen.includes(stanza)) this.seen.unshift(stanza);
      }
    }
  }

  stop(): void {
    this.#session.off('stanza', this.#listener);
  }
}

/** A well-formed stanza error payload (cancel, undefined-condition) for messages of type error. */
export function errorPayload(): Element {
  return xml('error', { type: 'cancel' }, xml('undefined-condition', { xmlns: NS.stanzas }));
}

/** The defined condition of an error stanza (RFC 6120 §8.3.3). */
export function conditionOf(stanza: Element): string {
  return XmppStanzaError.fromStanza(stanza).condition;
}

/** Resolves with the message or error carrying `id`, or undefined after `timeoutMs`. */
export async function arrival(session: Session, id: string, timeoutMs = 10_000): Promise<Element | undefined> {
  return firstOrUndefined(session, (s) => s.name === 'message' && s.attrs.id === id, timeoutMs);
}

/** Resolves with the first stanza `matches` accepts, or undefined after `timeoutMs`. */
export async function firstOrUndefined(session: Session, matches: (stanza: Element) => boolean, timeoutMs: number): Promise<Element | undefined> {
  try {
    return await session.waitFor(matches, timeoutMs);
  } catch (error) {
    if (error instanceof XmppTimeoutError) return undefined;
    throw error;
  }
}

/** "a, b and c" for reasons. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
