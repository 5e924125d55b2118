/**
 * Server dialback with the target (XEP-0220 §2): as receiving server it must verify our key with
 * our authoritative listener before accepting anything; as authoritative server it must answer
 * verification requests truthfully; as initiator it must hold its stanzas until we say valid.
 */
import type { PeerNetwork, S2sStream } from '../../s2s/index.js';
import { xml, type Element } from '../../xmpp/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { DIALBACK_FEATURE_NS, DIALBACK_NS, describe, dialbackSignal, endedOnDialback, endOf, errorCondition, messageWithBody, nextOrNothing, notOffered, onlineLocalUser, peersOf, signalTo, strangerDomain } from './support.js';

const XEP0220 = 'XEP-0220';
const failedToConnect = (error: unknown) => ({ outcome: 'violation' as const, reason: `dialback with the target failed: ${(error as Error).message}` });

/**
 * Our peer opens a stream to the target and sends a db:result with a genuine key; returns the
 * stream (the caller closes it) and the target's answer, the violation when it cannot connect, or
 * the skip when the target does not offer dialback.
 */
async function offerOurKey(ctx: CheckContext, network: PeerNetwork, peer: string): Promise<{ stream: S2sStream; answer?: Element } | CheckOutcome> {
  const opened = await network.openStream(peer, ctx.target.domain).catch((error: unknown) => error as Error);
  if (opened instanceof Error) return notOffered((await signalTo(ctx, network, peer)) ?? 'feature') ?? failedToConnect(opened);
  const { stream, id, features } = opened;
  const signal = dialbackSignal(stream, features);
  try {
    const absent = notOffered(signal);
    if (absent) return (stream.close(), absent);
    stream.send(xml('db:result', { from: peer, to: ctx.target.domain }, network.dialbackKey({ receiving: ctx.target.domain, originating: peer, streamId: id })));
    const answer = await nextOrNothing(stream, 20_000);
    const refused = answer ? undefined : notOffered(signal, endedOnDialback(stream));
    if (refused) return (stream.close(), refused);
    return { stream, answer };
  } catch (error) {
    stream.close();
    throw error;
  }
}

const callsBack: CheckDefinition = {
  id: 'xep0220.s2s.verifies-key',
  title: 'After our db:result the target verifies the key with our authoritative server (db:verify with the same key, from, to and id)',
  area: 's2s',
  level: 'MUST',
  spec: [
    { doc: XEP0220, section: '2.1.2' },
    { doc: XEP0220, section: '2.2.1' },
  ],
  needs: { peers: true },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx);
    const peer = network.domains[0]!;
    const requests: Array<{ from: string; to: string; id: string; valid: boolean }> = [];
    network.listener.on('verify-request', (request) => requests.push(request));
    const signal = await signalTo(ctx, network, peer);
    const absent = signal && notOffered(signal);
    if (absent) return absent;
    const link = await network.link(peer, ctx.target.domain).catch((error: unknown) => error as Error);
    if (link instanceof Error) return (signal && notOffered(signal, endedOnDialback(link))) ?? failedToConnect(link);
    const ours = requests.find((r) => r.to === peer);
    if (!ours) return { outcome: 'violation', reason: 'the target answered valid without asking our authoritative server (no db:verify reached us)' };
    if (ours.from !== ctx.target.domain) return { outcome: 'violation', reason: `the db:verify came from '${ours.from}', not from ${ctx.target.domain}` };
    if (ours.id !== link.streamId) return { outcome: 'violation', reason: `the db:verify id '${ours.id}' is not the stream id '${link.streamId}' the key was bound to` };
    if (!ours.valid) return { outcome: 'violation', reason: 'the key in the db:verify is not the key we sent' };
    return { outcome: 'pass', reason: `${ctx.target.domain} asked our listener to verify the key (same key, from/to, stream id) before accepting` };
  },
};

const validResult: CheckDefinition = {
  id: 'xep0220.s2s.valid-result',
  title: 'When our authoritative server says valid, the target answers db:result type=valid (from/to swapped) and delivers our stanzas',
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: XEP0220, section: '2.2.1' }],
  needs: { peers: true, accounts: 1 },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx);
    const peer = network.domains[0]!;
    const offered = await offerOurKey(ctx, network, peer);
    if (!('stream' in offered)) return offered;
    const { stream, answer } = offered;
    try {
      if (!answer?.is('result', DIALBACK_NS) || answer.attrs.type !== 'valid') return { outcome: 'violation', reason: `our valid key was answered with ${describe(answer)}` };
      if (answer.attrs.from !== ctx.target.domain || answer.attrs.to !== peer) {
        return { outcome: 'violation', reason: `type=valid came from='${answer.attrs.from}' to='${answer.attrs.to}', not from/to swapped` };
      }
      const { account, session } = await onlineLocalUser(ctx);
      stream.send(xml('message', { from: `user1@${peer}/sim`, to: account.jid, type: 'chat' }, xml('body', {}, 'after valid')));
      const arrived = await messageWithBody(session, 'after valid');
      if (!arrived) return { outcome: 'violation', reason: 'type=valid, but our message was not delivered to the local user' };
      return { outcome: 'pass', reason: 'type=valid with from/to swapped, and our message was delivered' };
    } finally {
      stream.close();
    }
  },
};

const invalidResult: CheckDefinition = {
  id: 'xep0220.s2s.invalid-result',
  title: 'When our authoritative server says invalid, the target answers type=invalid and delivers nothing',
  area: 's2s',
  level: 'MUST',
  spec: [{ doc: XEP0220, section: '2.2.1' }],
  needs: { peers: true, accounts: 1 },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx);
    network.listener.setPolicy({ verifyAnswer: 'invalid' });
    ctx.note('our listener will answer the db:verify with type=invalid');
    const peer = network.domains[0]!;
    const offered = await offerOurKey(ctx, network, peer);
    if (!('stream' in offered)) return offered;
    const { stream, answer } = offered;
    try {
      if (!answer?.is('result', DIALBACK_NS) || answer.attrs.type !== 'invalid') return { outcome: 'violation', reason: `a key our server called invalid was answered with ${describe(answer)}` };
      const { account, session } = await onlineLocalUser(ctx);
      stream.send(xml('message', { from: `user1@${peer}/sim`, to: account.jid, type: 'chat' }, xml('body', {}, 'after invalid')));
      const closed = await endOf(stream, 2000);
      await ctx.barrier(session);
      const leaked = await messageWithBody(session, 'after invalid', 1);
      if (leaked) return { outcome: 'violation', reason: 'after type=invalid our message was still delivered' };
      return { outcome: 'pass', reason: `type=invalid, nothing delivered${closed ? ', stream closed' : ' (the stream stayed open)'}` };
    } finally {
      stream.close();
    }
  },
};

const unknownTarget: CheckDefinition = {
  id: 'xep0220.s2s.unknown-target-domain',
  title: 'A server advertising dialback errors answers a db:result to a domain it does not host with type=error and keeps the stream open',
  area: 's2s',
  level: 'MUST',
  spec: [
    { doc: XEP0220, section: '2.2.1' },
    { doc: XEP0220, section: '2.5' },
  ],
  needs: { peers: true },
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx);
    const peer = network.domains[0]!;
    const opened = await network.openStream(peer, ctx.target.domain).catch((error: unknown) => error as Error);
    if (opened instanceof Error) return { outcome: 'skip', reason: `the target offers no dialback to try this on: ${opened.message}` };
    const { stream, id, features } = opened;
    if (!features.getChild('dialback', DIALBACK_FEATURE_NS)?.getChild('errors')) {
      stream.close();
      return { outcome: 'skip', reason: 'the target does not advertise dialback errors (<errors/>), so it may refuse with a stream error instead' };
    }
    try {
      const stranger = strangerDomain();
      stream.send(xml('db:result', { from: peer, to: stranger }, network.dialbackKey({ receiving: stranger, originating: peer, streamId: id })));
      const answer = await nextOrNothing(stream);
      const ended = await endOf(stream, 1000);
      if (ended) return { outcome: 'violation', reason: `the stream was closed (${ended.condition}) after a db:result to ${stranger}` };
      if (!answer?.is('result', DIALBACK_NS) || answer.attrs.type !== 'error') return { outcome: 'violation', reason: `a db:result to ${stranger} was answered with ${describe(answer)}` };
      // §2.5's table suggests item-not-found; it is guidance, not a requirement.
      const condition = errorCondition(answer);
      if (!condition) return { outcome: 'violation', reason: 'the dialback error carries no stanza error condition' };
      const note = condition === 'item-not-found' ? '' : ' (XEP-0220 §2.5 suggests item-not-found)';
      return { outcome: 'pass', reason: `a db:result to ${stranger} → type=error <${condition}/>${note}, stream still open` };
    } finally {
      stream.close();
    }
  },
};

export const dialbackChecks: readonly CheckDefinition[] = [callsBack, validResult, invalidResult, unknownTarget];
