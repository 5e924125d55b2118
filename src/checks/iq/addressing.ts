/** IQs to local users that do not exist or are not online (RFC 6121 §8.5.1, §8.5.3.2.3). */
import { NS, type Session } from '../../xmpp/index.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { describeReply, request, uniqueId } from './exchange.js';

/** Sends each probe; a violation lists every one not answered with service-unavailable. */
async function expectServiceUnavailable(session: Session, probes: Record<string, string>, passReason: string): Promise<CheckOutcome> {
  const problems: string[] = [];
  for (const [what, xml] of Object.entries(probes)) {
    const outcome = describeReply(await request(session, xml));
    if (outcome !== 'error <service-unavailable/>') problems.push(`${what} → ${outcome}`);
  }
  if (problems.length) return { outcome: 'violation', reason: `${problems.join('; ')}; expected error <service-unavailable/>` };
  return { outcome: 'pass', reason: passReason };
}

export const noSuchUser: CheckDefinition = {
  id: 'rfc6121.iq.no-such-user',
  title: 'An IQ to a local user that does not exist (bare or full JID) gets service-unavailable',
  area: 'iq',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '8.5.1' }],
  legacy: [{ doc: 'RFC 3921', section: '11' }],
  tags: ['iq', 'addressing'],
  needs: { accounts: 1 },
  async run(ctx) {
    const session = await ctx.login(await ctx.account());
    const ghost = `${uniqueId('nobody')}@${ctx.target.domain}`;
    // disco#info is a payload servers answer on behalf of existing users, so a wrong answer shows.
    return expectServiceUnavailable(
      session,
      {
        'disco#info to the bare JID': `<iq type='get' to='${ghost}'><query xmlns='${NS.discoInfo}'/></iq>`,
        'ping to a full JID': `<iq type='get' to='${ghost}/desk'><ping xmlns='${NS.ping}'/></iq>`,
      },
      'bare and full JID of a missing user → error <service-unavailable/>',
    );
  },
};

export const offlineResource: CheckDefinition = {
  id: 'rfc6121.iq.offline-resource',
  title: 'An IQ to a full JID with no matching resource gets service-unavailable',
  area: 'iq',
  level: 'MUST',
  spec: [{ doc: 'RFC 6121', section: '8.5.3.2.3' }],
  legacy: [{ doc: 'RFC 3921', section: '11' }],
  tags: ['iq', 'addressing'],
  needs: { accounts: 2 },
  async run(ctx) {
    const self = await ctx.account();
    const offline = await ctx.account();
    const session = await ctx.login(self);
    return expectServiceUnavailable(
      session,
      {
        'ping to an unknown resource of our own account': `<iq type='get' to='${self.jid}/${uniqueId('gone')}'><ping xmlns='${NS.ping}'/></iq>`,
        'ping to a resource of an offline user': `<iq type='get' to='${offline.jid}/desk'><ping xmlns='${NS.ping}'/></iq>`,
      },
      'unknown resources of an online and an offline account → error <service-unavailable/>',
    );
  },
};

export const addressingChecks: readonly CheckDefinition[] = [noSuchUser, offlineResource];
