/** C13: what follows <success/> — a stream restart with fresh features: bind, and no SASL again. */
import { NS } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { describeScram, scramExchange } from './scram-exchange.js';
import { mechanismsOf, openSecured } from './stream-steps.js';
import { ServerFault } from '../blame.js';

const restartAfterSuccess: CheckDefinition = {
  id: 'rfc6120.sasl.restart-after-success',
  title: 'After <success/> the restarted stream has a new id, offers resource binding and no SASL mechanisms',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '6.4.6' }, { doc: 'RFC 6120', section: '6.3.2' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'restart'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe } = await openSecured(ctx);
    const before = probe.serverHeader?.id;
    const result = await scramExchange(probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: account.password });
    if (result.kind !== 'success') throw new (result.kind === 'other' ? Error : ServerFault)(`could not authenticate to test the restart: ${describeScram(result)}`);
    const restarted = await probe.open();
    if (!restarted.features) return { outcome: 'violation', reason: `no stream features after the post-authentication restart (${restarted.error?.condition ?? 'nothing arrived'})` };
    const problems: string[] = [];
    const mechanisms = mechanismsOf(restarted.features);
    if (mechanisms.length > 0) problems.push(`SASL is offered again (${mechanisms.join(', ')})`);
    if (!restarted.features.getChild('bind', NS.bind)) problems.push('resource binding is not offered');
    const after = restarted.header?.id;
    if (!after) problems.push('the new stream header has no id');
    else if (after === before) problems.push(`the stream id was reused (${after})`);
    if (problems.length > 0) return { outcome: 'violation', reason: problems.join('; ') };
    return { outcome: 'pass', reason: 'the restarted stream has a new id, offers <bind/> and no SASL mechanisms' };
  },
};

export const successChecks: readonly CheckDefinition[] = [restartAfterSuccess];
