/**
 * Federation seen by users (RFC 6121 across domains, XEP-0160 for a remote sender) and
 * certificate authentication (XEP-0178 §3).
 */
import type { StreamEnd } from '../../s2s/index.js';
import { xml } from '../../xmpp/index.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { WAIT_MS, messageWithBody, onlineLocalUser, peersOf } from './support.js';

const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';

const crossDomainSubscription: CheckDefinition = {
  id: 'rfc6121.s2s.subscription',
  title: "A subscription to a remote contact completes across domains and the contact's 'from' arrives unchanged",
  area: 's2s',
  level: 'MUST',
  spec: [
    { doc: 'RFC 6121', section: '3.1.2' },
    { doc: 'RFC 6121', section: '3.1.6' },
  ],
  needs: { peers: true, accounts: 1 },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx, { auth: 'external' });
    const remote = `user1@${network.domains[0]}`;
    const { account, session } = await onlineLocalUser(ctx);
    // Subscription state changes go to "interested" resources: those that asked for the roster (RFC 6121).
    await session.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    const request = network.waitFor((s) => s.name === 'presence' && s.attrs.type === 'subscribe', 20_000).catch(() => undefined);
    const approved = session.waitFor((s) => s.name === 'presence' && s.attrs.type === 'subscribed', 20_000).catch(() => undefined);
    await session.send(xml('presence', { to: remote, type: 'subscribe' }));
    const asked = await request;
    if (!asked) return { outcome: 'violation', reason: 'the subscription request never reached the remote contact' };
    if (asked.attrs.from !== account.jid) return { outcome: 'violation', reason: `the request arrived from '${asked.attrs.from}', not the bare JID ${account.jid}` };
    const answer = await approved;
    if (!answer) return { outcome: 'violation', reason: "the remote contact's approval never reached the local user" };
    if (answer.attrs.from !== remote) return { outcome: 'violation', reason: `the approval arrived from '${answer.attrs.from}', not ${remote}` };
    return { outcome: 'pass', reason: `subscribe reached ${remote} from ${account.jid}; its approval came back from ${remote}` };
  },
};

const offlineFromRemote: CheckDefinition = {
  id: 'xep0160.s2s.offline-from-remote',
  title: 'A message from a remote user to an offline local user is stored and delivered with a delay stamp at next login',
  area: 's2s',
  level: 'SHOULD',
  spec: [
    { doc: 'XEP-0160', section: '2' },
    { doc: 'RFC 6121', section: '8.5.2.1.1' },
  ],
  needs: { peers: true, accounts: 1 },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx, { auth: 'external' });
    const account = await ctx.account();
    await network.send(xml('message', { from: `user1@${network.domains[0]}/sim`, to: account.jid, type: 'chat' }, xml('body', {}, 'while you were away')));
    // Nothing bounced back means the server took it; give it a moment to store before logging in.
    const bounced = await network.waitFor((s) => s.name === 'message' && s.attrs.type === 'error', 2000).catch(() => undefined);
    if (bounced) return { outcome: 'violation', reason: 'the message to the offline user came back as an error' };
    const session = await ctx.login(account);
    const flushed = messageWithBody(session, 'while you were away');
    await session.send(xml('presence'));
    const message = await flushed;
    if (!message) return { outcome: 'violation', reason: 'the message from the remote user was not delivered at the next login' };
    if (!message.getChild('delay', 'urn:xmpp:delay')) return { outcome: 'violation', reason: 'the stored message came without a <delay/> stamp' };
    return { outcome: 'pass', reason: 'stored while offline, delivered with <delay/> at login' };
  },
};

const externalMatchesCertificate: CheckDefinition = {
  id: 'xep0178.s2s.external-needs-matching-certificate',
  title: "SASL EXTERNAL is offered to a peer whose certificate names its 'from', and not to one whose certificate names another domain",
  area: 's2s',
  level: 'SHOULD',
  spec: [{ doc: 'XEP-0178', section: '3' }],
  needs: { peers: true },
  timeoutMs: 40_000,
  async run(ctx): Promise<CheckOutcome> {
    const network = await peersOf(ctx, { auth: 'external' });
    const peer = network.domains[0]!;
    const matching = await network.openStream(peer, ctx.target.domain, { auth: 'external' });
    matching.stream.close();
    const offered = (features: typeof matching.features) =>
      features.getChild('mechanisms', SASL_NS)?.getChildren('mechanism').some((m) => m.text() === 'EXTERNAL') ?? false;
    if (!offered(matching.features)) return { outcome: 'violation', reason: `EXTERNAL was not offered to ${peer} presenting a trusted certificate for ${peer}` };
    // The same certificate, claimed by another domain of ours.
    const impostor = `other-${peer}`;
    network.certificates.adopt(impostor, peer);
    const mismatched = await network.openStream(impostor, ctx.target.domain, { auth: 'external' }).catch((error: { streamEnd?: StreamEnd }) => {
      if (error.streamEnd?.by === 'them') return error.streamEnd;
      throw error;
    });
    // XEP-0178 §3 allows closing the connection of a peer whose certificate does not match.
    if ('condition' in mismatched) return { outcome: 'pass', reason: `EXTERNAL offered for a matching certificate; a mismatching one got the stream closed (${mismatched.condition})` };
    try {
      if (!offered(mismatched.features)) return { outcome: 'pass', reason: 'EXTERNAL offered for a matching certificate, withheld for a mismatching one' };
      // Offered anyway: then the attempt itself must fail (XEP-0178 §3: not-authorized).
      mismatched.stream.send(xml('auth', { xmlns: SASL_NS, mechanism: 'EXTERNAL' }, Buffer.from(impostor).toString('base64')));
      const answer = await mismatched.stream.next(WAIT_MS, 'the SASL outcome').catch(() => undefined);
      if (answer?.is('success', SASL_NS)) return { outcome: 'violation', reason: `EXTERNAL succeeded for ${impostor} with a certificate naming only ${peer}` };
      if (!answer?.is('failure', SASL_NS)) return { outcome: 'violation', reason: `EXTERNAL for a mismatching certificate was offered and then answered with ${answer ? `<${answer.name}/>` : 'nothing'}` };
      const condition = answer.getChildElements()[0]?.name ?? 'no condition';
      return { outcome: 'pass', reason: `EXTERNAL offered for a matching certificate; for a mismatching one it was offered but refused (${condition})` };
    } finally {
      mismatched.stream.close();
    }
  },
};

export const federationChecks: readonly CheckDefinition[] = [crossDomainSubscription, offlineFromRemote, externalMatchesCertificate];
