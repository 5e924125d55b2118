/**
 * Stream rules that involve stanzas: nothing is routed before authentication, the server stamps
 * (or polices) the 'from' of what a client sends, and whitespace between stanzas is harmless.
 */
import { randomBytes } from 'node:crypto';
import { NS, type Element, type Session } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { ERROR_WAIT_MS, describeOpened, judgeStreamError, openWith, rawLogin } from './support.js';

const RFC6120 = 'RFC 6120';

/** A message body nobody else sends, so the recipient can tell it apart. */
const marker = (): string => `gauntlet-${randomBytes(6).toString('hex')}`;

/** Whether a message carrying `body` reached `session` before the barrier came back. */
async function delivered(ctx: CheckContext, session: Session, body: string): Promise<boolean> {
  await ctx.barrier(session);
  const isIt = (stanza: Element) => stanza.name === 'message' && stanza.getChildText('body') === body;
  return session.waitFor(isIt, 1).then(() => true, () => false);
}

const notAuthorized: CheckDefinition = {
  id: 'rfc6120.stream.stanza-before-auth',
  title: 'A stanza sent before authentication is not routed and gets the not-authorized stream error',
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '4.3.5' },
    { doc: RFC6120, section: '4.9.3.12' },
  ],
  legacy: [{ doc: 'RFC 3920', section: '4.7.3' }],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const recipient = await ctx.login(await ctx.account());
    const { probe, opened } = await openWith(ctx, {});
    if (!opened.features) return { outcome: 'skip', reason: `a normal header got ${describeOpened(opened)}` };
    // After STARTTLS, so that a TLS-required policy is not what the server complains about.
    if (opened.features.getChild('starttls', NS.tls)) await probe.startTls();
    const body = marker();
    probe.send(`<message to='${recipient.jid.bare().toString()}' type='chat' id='early'><body>${body}</body></message>`);
    const error = await probe.streamError(ERROR_WAIT_MS);
    if (await delivered(ctx, recipient, body)) return { outcome: 'violation', reason: 'a message sent before authentication was delivered' };
    if (error) return judgeStreamError(error, ['not-authorized'], 'a <message/> before SASL');
    const instead = await probe.next(1).then((element) => element.toString().slice(0, 200), () => 'nothing');
    return { outcome: 'violation', reason: `a <message/> before SASL was not routed, but the stream stayed open without <not-authorized/>; the server answered: ${instead}` };
  },
};

const fromStamped: CheckDefinition = {
  id: 'rfc6120.stream.from-stamped',
  title: "A stanza without 'from' reaches its recipient stamped with the sender's full JID",
  area: 'stream',
  level: 'MUST',
  spec: [{ doc: RFC6120, section: '8.1.2.1' }],
  legacy: [{ doc: 'RFC 3920', section: '9.1.2' }],
  needs: { accounts: 2 },
  async run(ctx): Promise<CheckOutcome> {
    const sender = await ctx.login(await ctx.account());
    const recipient = await ctx.login(await ctx.account());
    const body = marker();
    await sender.send(`<message to='${recipient.jid.toString()}' type='chat'><body>${body}</body></message>`);
    const arrived = await recipient.waitFor((s) => s.name === 'message' && s.getChildText('body') === body).catch(() => undefined);
    if (!arrived) return { outcome: 'violation', reason: 'a message between two local users was not delivered' };
    const expected = sender.jid.toString();
    if (arrived.attrs.from !== expected) return { outcome: 'violation', reason: `it arrived from '${arrived.attrs.from ?? '(none)'}', not ${expected}` };
    return { outcome: 'pass', reason: `it arrived from ${expected}` };
  },
};

const forgedFrom: CheckDefinition = {
  id: 'rfc6120.stream.forged-from',
  title: "A forged 'from' is overwritten with the sender's full JID or refused with invalid-from, never delivered",
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '8.1.2.1' },
    { doc: RFC6120, section: '4.9.3.9' },
  ],
  legacy: [
    { doc: 'RFC 3920', section: '9.1.2' },
    { doc: 'RFC 3920', section: '4.7.3' },
  ],
  needs: { accounts: 2 },
  async run(ctx): Promise<CheckOutcome> {
    const { probe, jid } = await rawLogin(ctx, await ctx.account(), 'forger');
    const recipient = await ctx.login(await ctx.account());
    const forged = `someone-else@${ctx.target.domain}/forged`;
    const [body, after] = [marker(), marker()];
    probe.send(`<message from='${forged}' to='${recipient.jid.toString()}' type='chat'><body>${body}</body></message>`);
    // Stanzas from one sender to one recipient stay in order (§10.1): once the follow-up is in,
    // the forged one has either arrived or been dropped.
    probe.send(`<message to='${recipient.jid.toString()}' type='chat'><body>${after}</body></message>`);
    const followed = await recipient.waitFor((s) => s.name === 'message' && s.getChildText('body') === after, ERROR_WAIT_MS).catch(() => undefined);
    const arrived = await recipient.waitFor((s) => s.name === 'message' && s.getChildText('body') === body, 1).catch(() => undefined);
    const from = arrived?.attrs.from;
    if (arrived && from === forged) return { outcome: 'violation', reason: `the message was delivered with the forged from='${forged}'` };
    if (arrived && from === jid) return { outcome: 'pass', reason: `the server overwrote the forged 'from' with ${jid}` };
    if (arrived) return { outcome: 'violation', reason: `the message arrived from '${from ?? '(none)'}', neither forged nor ${jid}` };
    if (!followed) return judgeStreamError(await probe.streamError(ERROR_WAIT_MS), ['invalid-from'], "a forged 'from'");
    return { outcome: 'violation', reason: "the forged message was silently dropped: neither stamped and delivered nor refused with <invalid-from/>" };
  },
};

const whitespace: CheckDefinition = {
  id: 'rfc6120.stream.whitespace-keepalive',
  title: 'Whitespace between stanzas (keepalives) is accepted silently',
  area: 'stream',
  level: 'MUST',
  spec: [
    { doc: RFC6120, section: '11.7' },
    { doc: RFC6120, section: '4.6.4' },
  ],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    const { probe } = await rawLogin(ctx, await ctx.account());
    for (const space of [' ', '\n', '\r\n', '\t  \n']) probe.send(space);
    probe.send(`<iq type='get' id='after-whitespace' to='${ctx.target.domain}'><ping xmlns='${NS.ping}'/></iq>`);
    // Only the answer to our own IQ proves the stream survived; other elements (presence, pushes) are skipped.
    for (;;) {
      const reply = await probe.next(ERROR_WAIT_MS).catch((error: Error) => error);
      if (reply instanceof Error) return { outcome: 'violation', reason: `after whitespace keepalives our IQ got no answer: ${reply.message}` };
      if (reply.is('error', NS.stream)) return { outcome: 'violation', reason: 'whitespace keepalives were answered with a stream error' };
      if (reply.name === 'iq' && reply.attrs.id === 'after-whitespace') {
        return { outcome: 'pass', reason: `the stream stayed usable: the IQ sent after the whitespace got type='${reply.attrs.type}'` };
      }
    }
  },
};

export const stanzaRuleChecks: readonly CheckDefinition[] = [notAuthorized, fromStamped, forgedFrom, whitespace];
