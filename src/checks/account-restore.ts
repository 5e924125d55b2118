/**
 * An operator's own account (`--user`, a scenario's accounts) is left as the checks found it:
 * its roster is read before the first check uses it and put back afterwards — items the checks
 * added are removed, items they removed or renamed are set again. Subscription states cannot be
 * set by a client (RFC 6121 §2.1.2.5), so an item re-added here comes back without them.
 */
import { NS, openSession, XmppStanzaError, type Element, type Session, type SessionOptions } from '../xmpp/index.js';
import { itemXml } from './roster/roster-iq.js';
import type { CheckAccount } from './types.js';


/** Bare JID → the item's name and groups, as the roster get returned them. */
export type RosterSnapshot = Map<string, { name?: string; groups: string[] }>;

type Connection = Omit<SessionOptions, 'username' | 'password' | 'domain'>;

async function withSession<T>(connection: Connection, account: CheckAccount, task: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession({ ...connection, domain: account.domain, username: account.username, password: account.password });
  try {
    return await task(session);
  } finally {
    await session.close(1000).catch(() => undefined);
  }
}

async function readRoster(session: Session): Promise<RosterSnapshot> {
  const reply = await session.iq(`<iq type='get'><query xmlns='${NS.roster}'/></iq>`);
  const items = reply.getChild('query', NS.roster)?.getChildren('item') ?? [];
  return new Map(items.map((item: Element) => [item.attrs.jid as string, { name: item.attrs.name as string | undefined, groups: item.getChildren('group').map((g: Element) => g.text()).sort() }]));
}

const same = (a: { name?: string; groups: string[] }, b: { name?: string; groups: string[] }) => a.name === b.name && a.groups.join('\n') === b.groups.join('\n');

/** The account's roster before any check touched it; undefined when the server keeps none (nothing to restore). */
export function snapshotAccount(connection: Connection, account: CheckAccount): Promise<RosterSnapshot | undefined> {
  return withSession(connection, account, (session) =>
    readRoster(session).catch((error: unknown) => {
      if (error instanceof XmppStanzaError) return undefined;
      throw error;
    }),
  );
}

/** Puts the roster back as `before`; returns what it changed (for the wire-less log of a run). */
export function restoreAccount(connection: Connection, account: CheckAccount, before: RosterSnapshot): Promise<string[]> {
  return withSession(connection, account, async (session) => {
    const now = await readRoster(session);
    const changes: string[] = [];
    for (const jid of now.keys()) if (!before.has(jid)) changes.push(itemXml({ jid, subscription: 'remove' }));
    for (const [jid, item] of before) if (!now.has(jid) || !same(now.get(jid)!, item)) changes.push(itemXml({ jid, ...item }));
    for (const change of changes) await session.iq(`<iq type='set'><query xmlns='${NS.roster}'>${change}</query></iq>`);
    return changes;
  });
}
