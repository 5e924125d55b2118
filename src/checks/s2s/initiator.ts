/**
 * The target as initiating and authoritative server (XEP-0220 §2.1.1, §2.2.2): a local user
 * writes to a remote user, so the target connects to our listener with a key; we check how it
 * answers verification of that key, and what it does with its stanzas when we refuse it.
 */
import { xml } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { DIALBACK_NS, describe, errorCondition, nextOrNothing, notOffered, onlineLocalUser, peersOf, signalTo } from './support.js';

const XEP0220 = 'XEP-0220';

interface KeyOffer {
  from: string;
  to: string;
  id: string;
  key: string;
}

/** Makes the target initiate to our peer (a local user writes to a remote one) and returns its key. */
async function targetKey(ctx: CheckContext, network: Awaited<ReturnType<typeof peersOf>>): Promise<KeyOffer | undefined> {
  const { session } = await onlineLocalUser(ctx);
  const offered = new Promise<KeyOffer | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 20_000);
    network.listener.once('result-request', (offer: KeyOffer) => (clearTimeout(timer), resolve(offer)));
  });
  await session.send(xml('message', { to: `user1@${network.domains[0]}`, type: 'chat' }, xml('body', {}, 'to a remote user')));
  return offered;
}

const verifyAnswers: CheckDefinition = {
  id: 'xep0220.s2s.verify-answers',
  title: "The target answers our db:verify with from/to swapped and the id copied: valid for its own key, invalid for a tampered one",
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: XEP0220, section: '2.2.2' }],
  needs: { peers: true, accounts: 1 },
  timeoutMs: 50_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx);
    // Without EXTERNAL on offer the target has to authenticate to us with a dialback key.
    network.listener.setPolicy({ offerExternal: false });
    const peer = network.domains[0]!;
    const signal = await signalTo(ctx, network, peer);
    const absent = signal && notOffered(signal);
    if (absent) return absent;
    const offer = await targetKey(ctx, network);
    const never = 'it never sent us a dialback key when a local user wrote to our remote user';
    if (!offer) return (signal && notOffered(signal, never)) ?? { outcome: 'violation', reason: `the target offers dialback, but ${never}` };
    const tampered = offer.key.slice(0, -1) + (offer.key.endsWith('0') ? '1' : '0');
    const answers: string[] = [];
    for (const [label, key, expected] of [['its own key', offer.key, 'valid'], ['a tampered key', tampered, 'invalid']] as const) {
      const { stream } = await network.openStream(peer, offer.from);
      try {
        stream.send(xml('db:verify', { from: peer, to: offer.from, id: offer.id }, key));
        const answer = await nextOrNothing(stream);
        if (!answer?.is('verify', DIALBACK_NS)) return { outcome: 'violation', reason: `db:verify with ${label} was answered with ${describe(answer)}` };
        const { from, to, id, type } = answer.attrs;
        if (from !== offer.from || to !== peer || id !== offer.id) {
          return { outcome: 'violation', reason: `the answer to db:verify has from='${from}' to='${to}' id='${id}' (expected ${offer.from}, ${peer}, ${offer.id})` };
        }
        if (type !== expected) return { outcome: 'violation', reason: `db:verify with ${label} was answered type='${type}', expected ${expected}` };
        answers.push(`${label} → ${type}`);
      } finally {
        stream.close();
      }
    }
    return { outcome: 'pass', reason: answers.join('; ') };
  },
};

const bounceAfterInvalid: CheckDefinition = {
  id: 'xep0220.s2s.initiator-bounces-after-invalid',
  title: 'As initiator the target holds its stanzas until valid; after invalid they go back to the local sender as errors',
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: XEP0220, section: '2.1.1' }],
  needs: { peers: true, accounts: 1 },
  timeoutMs: 50_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx);
    network.listener.setPolicy({ inboundResult: 'invalid', offerExternal: false });
    const remote = `user1@${network.domains[0]}`;
    const { session } = await onlineLocalUser(ctx);
    let leaked = false;
    network.on('stanza', (stanza) => (leaked ||= stanza.name === 'message'));
    ctx.note("our listener will answer the target's db:result with type=invalid");
    await session.send(xml('message', { to: remote, type: 'chat', id: 'held' }, xml('body', {}, 'must come back')));
    const bounced = await session.waitFor((s) => s.name === 'message' && s.attrs.type === 'error' && s.attrs.id === 'held', 25_000).catch(() => undefined);
    if (leaked) {
      return { outcome: 'violation', reason: 'the message reached our remote user although we answered invalid' };
    }
    if (!bounced) return { outcome: 'violation', reason: 'no error came back to the sender within 25 s after we answered invalid' };
    const condition = errorCondition(bounced);
    return { outcome: 'pass', reason: `the message came back to the sender as an error (${condition ?? 'no condition'}) and never reached us` };
  },
};

export const initiatorChecks: readonly CheckDefinition[] = [verifyAnswers, bounceAfterInvalid];
