/** Roster get, set and push (RFC 6121 §2.1.3–§2.1.6, §2.2–§2.4). */
import { NS, type Element, type Session } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition } from '../types.js';
import { arrives, bare, describeReply, request, stanzaError } from '../iq/exchange.js';
import { becomeInterested, findItem, isRosterPush, itemXml, newContactJid, pushAbout, rosterGet, rosterQuery, rosterSet } from './roster-iq.js';

export const rosterGetReturnsItems: CheckDefinition = {
  id: 'rfc6121.roster.get',
  title: 'A roster get returns a result with the roster query, and then lists the added item',
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.1.3' },
    { doc: 'RFC 6121', section: '2.1.4' },
    { doc: 'RFC 6121', section: '2.2' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const first = await rosterGet(session);
    const query = rosterQuery(first);
    // §2.1.4 allows item-not-found while the roster does not exist yet.
    const absent = stanzaError(first)?.condition === 'item-not-found';
    if (!absent && (first?.attrs.type !== 'result' || !query)) return { outcome: 'violation', reason: `roster get → ${describeReply(first)}, expected a result with <query/>` };
    // No rule says a roster starts empty, and a --user account is not new: the items already there are only counted.
    const already = query?.getChildren('item').length ?? 0;
    const contact = newContactJid(ctx.target.domain);
    const set = await rosterSet(session, itemXml({ jid: contact, name: 'Contact' }));
    if (set?.attrs.type !== 'result') return { outcome: 'violation', reason: `adding an item → ${describeReply(set)}` };
    const second = await rosterGet(session);
    if (!findItem(second, contact)) return { outcome: 'violation', reason: 'the roster get after adding an item does not list it' };
    const ver = rosterQuery(second)?.attrs.ver;
    const start = absent ? 'no roster yet (item-not-found)' : `${already} item(s) at first`;
    return { outcome: 'pass', reason: `${start}, then the added item is listed (${ver === undefined ? "no 'ver'" : `ver='${ver}'`})` };
  },
};

export const getWithItems: CheckDefinition = {
  id: 'rfc6121.roster.get-with-items',
  title: 'A roster get that contains an item is refused with bad-request and changes nothing',
  area: 'roster',
  level: 'INFO', // RFC 6121 §2.1.3's 'MUST NOT contain item' binds the client; no server rule
  spec: [
    { doc: 'RFC 6121', section: '2.1.3' },
    { doc: 'RFC 6120', section: '8.3.3.1' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const contact = newContactJid(ctx.target.domain);
    const reply = await request(session, `<iq type='get'><query xmlns='${NS.roster}'>${itemXml({ jid: contact })}</query></iq>`);
    const after = await rosterGet(session);
    if (findItem(after, contact)) return { outcome: 'violation', reason: 'a get carrying an <item/> added the item, as if it were a set' };
    if (stanzaError(reply)?.condition === 'bad-request') return { outcome: 'pass', reason: 'error <bad-request/>, roster unchanged' };
    return { outcome: 'violation', reason: `a get carrying an <item/> → ${describeReply(reply)}, expected error <bad-request/>` };
  },
};

/** Two interested resources of one account: both asked for the roster (RFC 6121 §2.2). */
export async function interestedPair(ctx: CheckContext): Promise<[Session, Session]> {
  const account = await ctx.account();
  const first = await ctx.login(account, { resource: 'one' });
  const second = await ctx.login(account, { resource: 'two' });
  for (const session of [first, second]) await becomeInterested(session);
  return [first, second];
}

export const setPushesToAll: CheckDefinition = {
  id: 'rfc6121.roster.push-on-set',
  title: 'An add or update is answered with a result and pushed to every interested resource, the sender included',
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.1.5' },
    { doc: 'RFC 6121', section: '2.3.2' },
    { doc: 'RFC 6121', section: '2.4.2' },
  ],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster', 'push'],
  needs: { accounts: 1 },
  timeoutMs: 40_000,
  async run(ctx) {
    const [one, two] = await interestedPair(ctx);
    const contact = newContactJid(ctx.target.domain);
    const steps: Array<[string, Session, string]> = [
      ['add', one, 'Friend'],
      ['update', two, 'Buddy'],
    ];
    for (const [what, sender, name] of steps) {
      const reply = await rosterSet(sender, itemXml({ jid: contact, name, groups: ['Pals'] }));
      if (reply?.attrs.type !== 'result') return { outcome: 'violation', reason: `${what} → ${describeReply(reply)}, expected a result` };
      for (const [label, session] of [['one', one], ['two', two]] as const) {
        const push = await arrives(session, pushAbout(contact, (item) => item.attrs.name === name));
        if (!push) return { outcome: 'violation', reason: `no roster push for the ${what} (name='${name}') reached resource '${label}'${session === sender ? ' (the sender)' : ''}` };
      }
    }
    return { outcome: 'pass', reason: 'add and update: result to the sender, a push with the new item to both interested resources' };
  },
};

/** What is wrong with a roster push for the account `account` (RFC 6121 §2.1.6). */
export function pushProblems(push: Element, account: string): string[] {
  const problems: string[] = [];
  const from = push.attrs.from;
  if (from !== undefined && bare(from) !== bare(account)) problems.push(`'from' is '${from}', not absent or the bare JID`);
  if (from !== undefined && from.includes('/')) problems.push(`'from' is a full JID '${from}'`);
  if (!push.attrs.id) problems.push('no id');
  const items = rosterQuery(push)?.getChildren('item') ?? [];
  if (items.length !== 1) problems.push(`${items.length} items instead of exactly one`);
  return problems;
}

export const pushSyntax: CheckDefinition = {
  id: 'rfc6121.roster.push-syntax',
  title: "A roster push has an id, one item, and no 'from' other than the user's bare JID",
  area: 'roster',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '2.1.6' }],
  legacy: [{ doc: 'RFC 3921', section: '7' }],
  tags: ['roster', 'push'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const session = await ctx.login(account);
    await rosterGet(session);
    const contact = newContactJid(ctx.target.domain);
    await rosterSet(session, itemXml({ jid: contact }));
    const received = await arrives(session, (s) => isRosterPush(s, contact));
    if (!received) return { outcome: 'violation', reason: 'no roster push arrived after a roster set' };
    const problems = pushProblems(received, account.jid);
    // 'from' is the client's to check (§2.1.6): a wrong one alone is judged by the secondary rule.
    const onlyFrom = problems.every((problem) => problem.startsWith("'from'"));
    if (problems.length) return { outcome: 'violation', reason: `roster push: ${problems.join('; ')}`, ...(onlyFrom ? { of: 'secondary' as const } : {}) };
    return { outcome: 'pass', reason: `push id='${received.attrs.id}', ${received.attrs.from ? `from='${received.attrs.from}'` : "no 'from'"}, one item (acknowledged with a result)` };
  },
};

export const getSetChecks: readonly CheckDefinition[] = [rosterGetReturnsItems, getWithItems, setPushesToAll, pushSyntax];
