/** Steps the binding checks share: an authenticated, restarted stream and one bind request. */
import { randomUUID } from 'node:crypto';
import { NS, bareJid, parseJid, type Element, type RawProbe } from '../../xmpp/index.js';
import { describeScram, scramExchange } from '../sasl/scram-exchange.js';
import { answer, conditionOf, describe, isStreamError, openSecured } from '../sasl/stream-steps.js';
import type { CheckAccount, CheckContext } from '../types.js';
import { ServerFault } from '../blame.js';

export interface Authenticated {
  probe: RawProbe;
  /** Features of the stream restarted after SASL. */
  features: Element;
}

/** TLS, SCRAM-SHA-1, restart: where resource binding happens. Failing to get here is a tool error. */
export async function authenticated(ctx: CheckContext, account: CheckAccount, label?: string): Promise<Authenticated> {
  const { probe } = await openSecured(ctx, { label });
  const result = await scramExchange(probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: account.password });
  if (result.kind !== 'success') throw new (result.kind === 'other' ? Error : ServerFault)(`could not authenticate ${account.jid}: ${describeScram(result)}`);
  const { features, error } = await probe.open();
  if (!features) throw new Error(`no stream features after authentication (${error?.condition ?? 'nothing arrived'})`);
  return { probe, features };
}

export type BindReply =
  | { kind: 'result'; jid: string; resource: string; bare: string }
  | { kind: 'error'; condition: string }
  | { kind: 'other'; what: string };

/** Sends one bind IQ (resource optional, already XML-safe) and reads its answer. */
export async function bindRequest(probe: RawProbe, resourceXml?: string): Promise<BindReply> {
  const id = randomUUID();
  const inner = resourceXml === undefined ? '' : `<resource>${resourceXml}</resource>`;
  probe.send(`<iq type='set' id='${id}'><bind xmlns='${NS.bind}'>${inner}</bind></iq>`);
  const reply = await answer(probe);
  if (reply.kind !== 'element') return { kind: 'other', what: describe(reply) };
  const { element } = reply;
  if (isStreamError(element) || !element.is('iq') || element.attrs.id !== id) return { kind: 'other', what: describe(reply) };
  if (element.attrs.type === 'error') return { kind: 'error', condition: conditionOf(element.getChild('error') ?? element) };
  const jid = element.getChild('bind', NS.bind)?.getChildText('jid');
  if (element.attrs.type !== 'result' || !jid) return { kind: 'other', what: `${describe(reply)} without a <jid/>` };
  return { kind: 'result', jid, resource: parseJid(jid).resource ?? '', bare: bareJid(jid) };
}

export function describeBind(reply: BindReply): string {
  if (reply.kind === 'result') return `result ${reply.jid}`;
  if (reply.kind === 'error') return `error <${reply.condition}/>`;
  return reply.what;
}

/** Whether `probe` still answers: an IQ ping to the server comes back. */
export async function stillAnswers(probe: RawProbe, domain: string): Promise<boolean> {
  const id = randomUUID();
  probe.send(`<iq type='get' id='${id}' to='${domain}'><ping xmlns='${NS.ping}'/></iq>`);
  try {
    await probe.waitFor((element) => element.is('iq') && element.attrs.id === id, 5000);
    return true;
  } catch {
    return false;
  }
}
