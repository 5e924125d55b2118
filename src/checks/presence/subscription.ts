/**
 * Setup for presence checks: sessions that are interested and available, and subscriptions
 * built through the real protocol (RFC 6121 §3.1). A failed setup throws, so the check reports
 * `error` here and the subscription checks themselves say what is broken.
 */
import type { Element, Session } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext } from '../types.js';
import { bare } from '../iq/exchange.js';
import { becomeInterested, pushAbout, subscriptionOf } from '../roster/roster-iq.js';

export const bareOf = (session: Session): string => session.jid.bare().toString();
export const fullOf = (session: Session): string => session.jid.toString();

/** Asks for the roster (interested resource) and sends initial presence (available resource). */
export async function goOnline(ctx: CheckContext, session: Session): Promise<void> {
  await becomeInterested(session);
  await session.send('<presence/>');
  await ctx.barrier(session);
}

export interface OnlineUser {
  account: CheckAccount;
  session: Session;
}

/** `account` logged in with `resource`, interested and available. */
export async function loginOnline(ctx: CheckContext, account: CheckAccount, resource: string): Promise<Session> {
  const session = await ctx.login(account, { resource });
  await goOnline(ctx, session);
  return session;
}

/** A fresh account logged in with `resource`, interested and available. */
export async function onlineUser(ctx: CheckContext, resource = 'desk'): Promise<OnlineUser> {
  const account = await ctx.account();
  return { account, session: await loginOnline(ctx, account, resource) };
}

/** A user ('desk') and a contact ('phone'), both available, with no subscription between them. */
export async function strangers(ctx: CheckContext): Promise<[OnlineUser, OnlineUser]> {
  const user = await onlineUser(ctx, 'desk');
  const contact = await onlineUser(ctx, 'phone');
  return [user, contact];
}

/** A user and a contact with a mutual subscription, both available. */
export async function friends(ctx: CheckContext): Promise<[OnlineUser, OnlineUser]> {
  const [user, contact] = await strangers(ctx);
  await befriend(user.session, contact.session);
  return [user, contact];
}

const SETUP_WAIT_MS = 10_000;

/**
 * Index of the first entry whose session receives a matching stanza, undefined after a while.
 * Listens to 'stanza' events instead of claiming with waitFor, so nothing is taken from the
 * inbox and no waiter is left behind; call it before sending what triggers the stanzas.
 */
function firstOf(entries: Array<[Session, (s: Element) => boolean]>): Promise<number | undefined> {
  return new Promise((resolve) => {
    const listeners = entries.map(([session, matcher], index) => {
      const listener = (stanza: Element) => {
        if (matcher(stanza)) finish(index);
      };
      session.on('stanza', listener);
      return listener;
    });
    const timer = setTimeout(() => finish(undefined), SETUP_WAIT_MS);
    function finish(index: number | undefined) {
      clearTimeout(timer);
      entries.forEach(([session], i) => session.off('stanza', listeners[i]!));
      resolve(index);
    }
  });
}

async function setupWait(session: Session, matcher: (s: Element) => boolean, what: string): Promise<Element> {
  try {
    return await session.waitFor(matcher);
  } catch (error) {
    throw new Error(`setup: ${what} did not arrive (${(error as Error).message})`);
  }
}

export const isPresence = (type: string | undefined, from?: string) => (s: Element) =>
  s.name === 'presence' && s.attrs.type === type && (from === undefined || (from.includes('/') ? s.attrs.from === from : bare(s.attrs.from) === bare(from)));

/** `subscriber` subscribes to `contact`'s presence and `contact` approves; both online. */
export async function subscribe(subscriber: Session, contact: Session): Promise<void> {
  // A pre-approval (RFC 6121 §3.4) answers the request without delivering it to the contact.
  const first = firstOf([
    [contact, isPresence('subscribe', bareOf(subscriber))],
    [subscriber, isPresence('subscribed', bareOf(contact))],
  ]);
  await subscriber.send(`<presence to='${bareOf(contact)}' type='subscribe'/>`);
  const which = await first;
  if (which === undefined) throw new Error('setup: the subscription request did not arrive');
  const answer = which === 0 ? contact : subscriber;
  await answer.waitFor(which === 0 ? isPresence('subscribe', bareOf(subscriber)) : isPresence('subscribed', bareOf(contact))); // claim it from the inbox
  if (which === 0) await contact.send(`<presence to='${bareOf(subscriber)}' type='subscribed'/>`);
  const granted = (item: Element) => ['to', 'both'].includes(subscriptionOf(item));
  await setupWait(subscriber, pushAbout(bareOf(contact), granted), "the roster push granting 'to'");
}

/** Mutual subscription ('both' on each side) between two online sessions. */
export async function befriend(a: Session, b: Session): Promise<void> {
  await subscribe(a, b);
  await subscribe(b, a);
  await setupWait(a, pushAbout(bareOf(b), (item) => subscriptionOf(item) === 'both'), "the roster push showing 'both'");
}
