/** IQ request/response semantics (RFC 6120 §8.2.3, §10.3.3): one reply per request, well-formed requests. */
import { NS, type Element } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { arrives, describeReply, expectErrorEach, NS_UNKNOWN, record, request, stanzaError, uniqueId } from './exchange.js';

const PIPELINED = 24;

/** A mix of requests the server answers itself: known, unknown and addressed-nowhere payloads. */
function probe(i: number, domain: string, id: string): string {
  switch (i % 4) {
    case 0:
      return `<iq type='get' id='${id}'><query xmlns='${NS.roster}'/></iq>`;
    case 1:
      return `<iq type='get' id='${id}' to='${domain}'><ping xmlns='${NS.ping}'/></iq>`;
    case 2:
      return `<iq type='get' id='${id}' to='${domain}'><query xmlns='${NS.discoInfo}'/></iq>`;
    default:
      return `<iq type='set' id='${id}' to='${domain}'><query xmlns='${NS_UNKNOWN}'/></iq>`;
  }
}

export const oneReplyPerRequest: CheckDefinition = {
  id: 'rfc6120.iq.one-reply-per-request',
  title: 'Every IQ get/set gets exactly one result or error with the same id',
  area: 'iq',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '8.2.3' }],
  legacy: [{ doc: 'RFC 3920', section: '9.2.3' }],
  tags: ['iq', 'pipelining'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const ids = Array.from({ length: PIPELINED }, (_, i) => uniqueId(`e1-${i}`));
    const wanted = new Set(ids);
    const replies = record(session, (s) => s.name === 'iq' && wanted.has(s.attrs.id ?? ''));
    ctx.note(`sending ${PIPELINED} pipelined requests (roster, ping, disco, unknown namespace)`);
    for (const [i, id] of ids.entries()) await session.send(probe(i, ctx.target.domain, id));
    const answered = await Promise.all(ids.map((id) => arrives(session, (s: Element) => s.name === 'iq' && s.attrs.id === id)));
    await ctx.barrier(session);
    replies.stop();
    const missing = ids.filter((_, i) => !answered[i]);
    const counts = new Map<string, number>();
    for (const reply of replies.seen) counts.set(reply.attrs.id!, (counts.get(reply.attrs.id!) ?? 0) + 1);
    const doubled = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const badType = replies.seen.filter((r) => r.attrs.type !== 'result' && r.attrs.type !== 'error');
    if (missing.length) return { outcome: 'violation', reason: `${missing.length} of ${PIPELINED} requests got no reply (e.g. ${missing[0]})` };
    if (doubled.length) return { outcome: 'violation', reason: `${doubled.length} requests got more than one reply (e.g. ${doubled[0]})` };
    if (badType.length) return { outcome: 'violation', reason: `a reply has type '${badType[0]!.attrs.type}' instead of result or error` };
    return { outcome: 'pass', reason: `${PIPELINED} pipelined requests, ${PIPELINED} replies, each id answered once` };
  },
};

export const payloadCount: CheckDefinition = {
  id: 'rfc6120.iq.payload-count',
  title: 'Records how a get with no payload or with two payloads is answered (bad-request fits)',
  area: 'iq',
  // §8.2.3's "exactly one child" binds the requester; §8.3.3.1 only defines bad-request (issue 10: was SHOULD).
  level: 'INFO',
  spec: [
    { doc: 'RFC 6120', section: '8.2.3' },
    { doc: 'RFC 6120', section: '8.3.3.1' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '9.2.3' }],
  tags: ['iq', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const domain = ctx.target.domain;
    // The MUST is "exactly one child"; bad-request is the condition RFC 6120 defines for it.
    return expectErrorEach(session, 'bad-request', {
      'no payload': `<iq type='get' to='${domain}'/>`,
      'two payloads': `<iq type='get' to='${domain}'><ping xmlns='${NS.ping}'/><query xmlns='${NS.discoInfo}'/></iq>`,
    });
  },
};

export const invalidType: CheckDefinition = {
  id: 'rfc6120.iq.invalid-type',
  title: "Records how an IQ whose 'type' is not get/set/result/error is answered (bad-request fits)",
  area: 'iq',
  // §8.3.3.1 names an unknown 'type' as an example of bad-request, with no keyword; §8.2.3's
  // reply-MUST covers get and set only (issue 10: was MUST).
  level: 'INFO',
  spec: [{ doc: 'RFC 6120', section: '8.2.3' }],
  legacy: [{ doc: 'RFC 3920', section: '9.2.3' }],
  tags: ['iq', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const id = uniqueId('e2b');
    const reply = arrives(session, (s) => s.name === 'iq' && s.attrs.id === id);
    await session.send(`<iq type='subscribe' id='${id}' to='${ctx.target.domain}'><ping xmlns='${NS.ping}'/></iq>`);
    const answer = await reply;
    if (stanzaError(answer)?.condition === 'bad-request') return { outcome: 'pass', reason: "type='subscribe' → error <bad-request/>" };
    return { outcome: 'violation', reason: `type='subscribe' → ${describeReply(answer)}, expected error <bad-request/>` };
  },
};

export const noToHandledForAccount: CheckDefinition = {
  id: 'rfc6120.iq.no-to-handled-for-account',
  title: "An IQ with no 'to' is processed on behalf of the sender's account",
  area: 'iq',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '10.3.3' }],
  tags: ['iq', 'addressing'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const reply = await request(session, `<iq type='get'><query xmlns='${NS.roster}'/></iq>`);
    if (reply?.attrs.type === 'result' && reply.getChild('query', NS.roster))
      return { outcome: 'pass', reason: "a roster get without 'to' returned the account's roster" };
    return { outcome: 'violation', reason: `a roster get without 'to' → ${describeReply(reply)}, expected a result carrying <query xmlns='${NS.roster}'/>` };
  },
};

export const requestChecks: readonly CheckDefinition[] = [oneReplyPerRequest, payloadCount, invalidType, noToHandledForAccount];
