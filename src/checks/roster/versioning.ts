/** Roster versioning (RFC 6121 §2.6): the feature is announced, and 'ver' tracks every change. */
import { NS } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { arrives, describeReply } from '../iq/exchange.js';
import { addItem, findItem, isRosterPush, newContactJid, rosterGet, rosterQuery } from './roster-iq.js';
import { featuresAfterAuth, offers } from './stream-features.js';

export const versioningFeature: CheckDefinition = {
  id: 'rfc6121.roster.ver-feature',
  title: "A server that returns roster 'ver' advertises the rosterver stream feature",
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.6.1' },
    { doc: 'RFC 6121', section: '2.1.1' },
  ],
  tags: ['roster', 'versioning', 'raw'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const advertised = offers(await featuresAfterAuth(ctx, account), 'ver', NS.rosterVersioning);
    const result = await rosterGet(await ctx.login(account), '');
    const ver = rosterQuery(result)?.attrs.ver;
    if (advertised) return { outcome: 'pass', reason: `<ver xmlns='${NS.rosterVersioning}'/> advertised after authentication${ver === undefined ? '' : `; roster ver='${ver}'`}` };
    if (ver !== undefined) return { outcome: 'violation', reason: `the roster carries ver='${ver}' but the rosterver feature is not advertised` };
    return { outcome: 'skip', reason: 'the server does not support roster versioning (no feature, no ver)' };
  },
};

export const versioningSync: CheckDefinition = {
  id: 'rfc6121.roster.ver-sync',
  title: 'ver changes with every roster change; a stale ver yields the full roster or the missing pushes',
  area: 'roster',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '2.6.2' },
    { doc: 'RFC 6121', section: '2.6.3' },
  ],
  tags: ['roster', 'versioning'],
  needs: { accounts: 1 },
  timeoutMs: 40_000,
  async run(ctx) {
    const account = await ctx.account();
    const first = await ctx.login(account, { resource: 'one' });
    const before = rosterQuery(await rosterGet(first, ''))?.attrs.ver;
    if (before === undefined) return { outcome: 'skip', reason: "the roster result carries no 'ver': versioning not supported" };
    const contact = newContactJid(ctx.target.domain);
    await addItem(first, { jid: contact });
    const now = rosterQuery(await rosterGet(first, ''))?.attrs.ver;
    if (now === undefined || now === before) return { outcome: 'violation', reason: `ver is '${now}' after adding an item, unchanged from '${before}'` };

    // A second resource that never saw the change asks with the stale version.
    const second = await ctx.login(account, { resource: 'two' });
    const stale = await rosterGet(second, before);
    let staleAnswer: string;
    if (stale?.attrs.type !== 'result') return { outcome: 'violation', reason: `a get with the stale ver → ${describeReply(stale)}` };
    if (rosterQuery(stale)) {
      if (!findItem(stale, contact)) return { outcome: 'violation', reason: 'the full roster returned for a stale ver lacks the new item' };
      staleAnswer = 'the full roster';
    } else {
      // Pushes that came before the result wait in the session's inbox.
      if (!(await arrives(second, (s) => isRosterPush(s, contact)))) return { outcome: 'violation', reason: 'a stale ver got an empty result but no interim push for the changed item' };
      staleAnswer = 'an empty result and an interim push';
    }
    const current = await rosterGet(second, now);
    if (current?.attrs.type !== 'result') return { outcome: 'violation', reason: `a get with the current ver → ${describeReply(current)}` };
    const currentAnswer = rosterQuery(current) ? 'the full roster' : 'an empty result';
    return { outcome: 'pass', reason: `ver changed ('${before}' → '${now}'); stale ver → ${staleAnswer}; current ver → ${currentAnswer}` };
  },
};

export const versioningChecks: readonly CheckDefinition[] = [versioningFeature, versioningSync];
