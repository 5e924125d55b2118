/** What a registered user may do in-band: cancel the account (XEP-0077 §3.2), change the password (§3.3). */
import { bareJid, NS, xml, type Element, type Session } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { firstOrUndefined, online } from '../message/support.js';
import { canLogIn, cancelRegistration, registerSet, removeQuietly } from './ibr.js';
import { registeredAccount } from './submit.js';


const fromUser = (stanza: Element, jid: string) => stanza.attrs.from !== undefined && bareJid(stanza.attrs.from) === jid;

/** `contact` subscribes to `user`'s presence and `user` approves, until the contact's roster says 'to'. */
async function subscribe(contact: Session, user: Session, contactJid: string, userJid: string): Promise<void> {
  // Fetching the roster makes the contact an "interested resource" that receives roster pushes.
  await contact.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS.roster })));
  await contact.send(xml('presence', { to: userJid, type: 'subscribe' }));
  await user.waitFor((s) => s.name === 'presence' && s.attrs.type === 'subscribe' && fromUser(s, contactJid));
  await user.send(xml('presence', { to: contactJid, type: 'subscribed' }));
  await contact.waitFor((s) => {
    const item = s.name === 'iq' && s.attrs.type === 'set' ? s.getChild('query', NS.roster)?.getChild('item') : undefined;
    return item?.attrs.jid === userJid && (item.attrs.subscription === 'to' || item.attrs.subscription === 'both');
  });
}

/** Starts listening on `contact`; the result resolves with the first later sign that its subscription to `userJid` ended. */
function watchCancellation(contact: Session, userJid: string): () => Promise<string | undefined> {
  const later = new Set<Element>();
  const record = (stanza: Element) => later.add(stanza);
  contact.on('stanza', record);
  return async () => {
    try {
      return await cancellationSeen(contact, userJid, (s) => later.has(s));
    } finally {
      contact.off('stanza', record);
    }
  };
}

/** The first sign accepted by `isNew` that the subscription to `userJid` ended, or undefined after 10 s. */
async function cancellationSeen(contact: Session, userJid: string, isNew: (s: Element) => boolean): Promise<string | undefined> {
  const ended = (s: Element) => {
    if (!isNew(s)) return false;
    if (s.name === 'presence' && (s.attrs.type === 'unsubscribed' || s.attrs.type === 'unsubscribe') && fromUser(s, userJid)) return true;
    const item = s.name === 'iq' && s.attrs.type === 'set' ? s.getChild('query', NS.roster)?.getChild('item') : undefined;
    return item?.attrs.jid === userJid && (item.attrs.subscription === 'none' || item.attrs.subscription === 'remove');
  };
  const seen = await firstOrUndefined(contact, ended, 10_000);
  if (!seen) return undefined;
  return seen.name === 'presence' ? `presence type='${seen.attrs.type}'` : `a roster push with subscription='${seen.getChild('query', NS.roster)?.getChild('item')?.attrs.subscription}'`;
}

/** Registers a throwaway user, logs it in as 'user' for `body`, then removes it; the skip when IBR is off. */
async function asRegisteredUser(ctx: CheckContext, body: (user: CheckAccount, session: Session) => Promise<CheckOutcome>): Promise<CheckOutcome> {
  const user = await registeredAccount(ctx);
  if ('outcome' in user) return user;
  try {
    return await body(user, await ctx.login(user, { resource: 'user' }));
  } finally {
    await removeQuietly(ctx, user);
  }
}

const cancel: CheckDefinition = {
  id: 'xep0077.register.cancel',
  title: 'Cancelling a registration removes the account and its presence subscriptions',
  area: 'register',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0077', section: '3.2' }],
  tags: ['register', 'roster'],
  needs: { registration: true, accounts: 1 },
  // Waits up to 10 s for the contact's notice, after a registration and three logins.
  timeoutMs: 40_000,
  async run(ctx) {
    const user = await registeredAccount(ctx);
    if ('outcome' in user) return user;
    let removed = false;
    try {
      const contact = await ctx.account();
      const [u, c] = [await online(ctx, user, 'user'), await online(ctx, contact, 'contact')];
      await subscribe(c, u, contact.jid, user.jid);
      ctx.note(`${contact.jid} is subscribed to ${user.jid}; now ${user.jid} cancels its registration`);
      const signs = watchCancellation(c, user.jid);
      const answer = await cancelRegistration(u);
      if (!answer.ok) return { outcome: 'violation', reason: `<remove/> was refused with ${answer.detail}` };
      const sign = await signs();
      removed = !(await canLogIn(ctx, user));
      if (!removed) return { outcome: 'violation', reason: `<remove/> got ${answer.detail}, but the account still logs in` };
      if (!sign) return { outcome: 'violation', reason: 'the account is gone, but the contact saw no unsubscribed presence or roster push' };
      return { outcome: 'pass', reason: `removed (${answer.detail}); the contact got ${sign}` };
    } finally {
      if (!removed) await removeQuietly(ctx, user);
    }
  },
};

const removeWithOthers: CheckDefinition = {
  id: 'xep0077.register.cancel-not-alone',
  title: '<remove/> next to other children is refused with bad-request and removes nothing',
  area: 'register',
  level: 'INFO', // XEP-0077 §3.2 lists this error without a keyword
  spec: [{ doc: 'XEP-0077', section: '3.2' }],
  tags: ['register', 'errors'],
  needs: { registration: true },
  run: (ctx) =>
    asRegisteredUser(ctx, async (user, session) => {
      const answer = await cancelRegistration(session, [xml('username', {}, user.username)]);
      const stillThere = await canLogIn(ctx, user);
      if (!stillThere) return { outcome: 'violation', reason: `the account was removed (${answer.detail})` };
      if (answer.ok) return { outcome: 'violation', reason: `answered with ${answer.detail} but kept the account` };
      if (answer.detail !== 'an IQ error <bad-request/>') return { outcome: 'violation', reason: `refused with ${answer.detail} instead of <bad-request/>` };
      return { outcome: 'pass', reason: 'refused with <bad-request/>; the account is intact' };
    }),
};

/** Asks to change `account`'s password to an empty one; the answer as 'an IQ result' or 'an IQ error <…/>'. */
async function changeToEmptyPassword(session: Session, account: CheckAccount): Promise<string> {
  return (await registerSet(session, [xml('username', {}, account.username), xml('password')])).detail;
}

const emptyPasswordChange: CheckDefinition = {
  id: 'xep0077.register.empty-password-change',
  title: 'A password change to an empty password keeps the existing password',
  area: 'register',
  level: 'MUST',
  spec: [{ doc: 'XEP-0077', section: '3.3' }],
  tags: ['register', 'security'],
  needs: { registration: true },
  run: (ctx) =>
    asRegisteredUser(ctx, async (user, session) => {
      const answer = await changeToEmptyPassword(session, user);
      await session.close();
      if (!(await canLogIn(ctx, user))) return { outcome: 'violation', reason: `the change got ${answer} and the old password no longer works` };
      return { outcome: 'pass', reason: `the change got ${answer}; the old password still works` };
    }),
};

export const accountChecks: readonly CheckDefinition[] = [cancel, removeWithOthers, emptyPasswordChange];
