/** IQ errors (RFC 6120 §8.3, §10.3.3; RFC 6121 §8.5.2.1.3): which condition, what shape, and never a reply to a reply. */
import type { Element } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { definedConditions, describeReply, ERROR_TYPES, expectErrorEach, NS_UNKNOWN, record, request, stanzaError, uniqueId } from './exchange.js';

const unknownGet = (to?: string) => `<iq type='get'${to ? ` to='${to}'` : ''}><query xmlns='${NS_UNKNOWN}'/></iq>`;

export const unknownNamespace: CheckDefinition = {
  id: 'rfc6120.iq.unknown-namespace',
  title: "A get with an unknown payload namespace, to the server or to the user's bare JID, gets service-unavailable",
  area: 'iq',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6120', section: '10.3.3' },
    { doc: 'RFC 6121', section: '8.5.2.1.3' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '9.2.3' }],
  tags: ['iq', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const session = await ctx.login(account);
    return expectErrorEach(session, 'service-unavailable', { "no 'to'": unknownGet(), 'own bare JID': unknownGet(account.jid) });
  },
};

/** What is wrong with an IQ error reply to request `id`, per RFC 6120 §8.3.1 and §8.3.2. */
export function errorShapeProblems(reply: Element, id: string): string[] {
  const problems: string[] = [];
  if (reply.attrs.id !== id) problems.push(`id '${reply.attrs.id}' does not mirror '${id}'`);
  const errors = reply.getChildren('error');
  if (errors.length !== 1) return [...problems, `${errors.length} <error/> children instead of one`];
  const error = errors[0]!;
  if (!ERROR_TYPES.includes(error.attrs.type as (typeof ERROR_TYPES)[number])) problems.push(`error type '${error.attrs.type ?? ''}' is not one of ${ERROR_TYPES.join('/')}`);
  const conditions = definedConditions(error);
  if (conditions.length !== 1) problems.push(`${conditions.length} defined conditions in urn:ietf:params:xml:ns:xmpp-stanzas instead of one`);
  return problems;
}

export const errorSyntax: CheckDefinition = {
  id: 'rfc6120.iq.error-syntax',
  title: 'An IQ error mirrors the id and carries a type and exactly one defined condition',
  area: 'iq',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6120', section: '8.3.1' },
    { doc: 'RFC 6120', section: '8.3.2' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '9.3' }],
  tags: ['iq', 'errors'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const id = uniqueId('e5');
    const reply = await request(session, `<iq type='get' id='${id}' to='${ctx.target.domain}'><query xmlns='${NS_UNKNOWN}'/></iq>`);
    if (!reply || reply.attrs.type !== 'error') return { outcome: 'violation', reason: `an unknown-namespace get → ${describeReply(reply)}, expected an error` };
    const problems = errorShapeProblems(reply, id);
    if (problems.length) return { outcome: 'violation', reason: problems.join('; ') };
    const error = stanzaError(reply)!;
    return { outcome: 'pass', reason: `error type='${error.type}' with the single condition <${error.condition}/>, id mirrored` };
  },
};

export const noReplyToResponse: CheckDefinition = {
  id: 'rfc6120.iq.no-reply-to-response',
  title: 'IQ results and errors are never answered with a further result or error',
  area: 'iq',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6120', section: '8.2.3' },
    { doc: 'RFC 6120', section: '8.3.1' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '9.2.3' }],
  tags: ['iq', 'negative'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const session = await ctx.login(account);
    const ids = new Set<string>();
    const sends: string[] = [];
    for (const to of [ctx.target.domain, account.jid]) {
      const result = uniqueId('e4r');
      const error = uniqueId('e4e');
      ids.add(result).add(error);
      sends.push(`<iq type='result' id='${result}' to='${to}'/>`);
      sends.push(`<iq type='error' id='${error}' to='${to}'><error type='cancel'><undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    }
    const answers = record(session, (s) => s.name === 'iq' && ids.has(s.attrs.id ?? ''));
    for (const xml of sends) await session.send(xml);
    await ctx.barrier(session);
    answers.stop();
    if (answers.seen.length)
      return { outcome: 'violation', reason: `the server answered an unsolicited ${answers.seen[0]!.attrs.id?.startsWith('e4r') ? 'result' : 'error'} with ${describeReply(answers.seen[0])}` };
    return { outcome: 'pass', reason: 'unsolicited results and errors to the server and to our bare JID drew no reply (barrier passed)' };
  },
};

export const jidMalformed: CheckDefinition = {
  id: 'rfc6120.iq.jid-malformed',
  title: "An IQ whose 'to' is not a valid JID gets an error (jid-malformed names the case)",
  area: 'iq',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6120', section: '8.3.1' },
    { doc: 'RFC 6120', section: '8.3.3.8' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '9.3' }],
  tags: ['iq', 'negative', 'addressing'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    // '@' may appear once; here the domainpart would contain one.
    const reply = await request(session, `<iq type='get' to='a@b@${ctx.target.domain}'><query xmlns='${NS_UNKNOWN}'/></iq>`);
    if (stanzaError(reply)?.condition === 'jid-malformed') return { outcome: 'pass', reason: "to='a@b@domain' → error <jid-malformed/>" };
    // An error came as the request needs (§8.2.3); which condition is only defined, not required (§8.3.3.8).
    const reason = `to='a@b@domain' → ${describeReply(reply)}, expected error <jid-malformed/>`;
    return stanzaError(reply) ? { outcome: 'violation', reason, of: 'secondary' } : { outcome: 'violation', reason };
  },
};

export const errorChecks: readonly CheckDefinition[] = [unknownNamespace, errorSyntax, noReplyToResponse, jidMalformed];
