/** `subscribe`: ask for a presence subscription (RFC 6121 §3.1.1); ends when the request is sent. */
import { COUNTERS } from '../metrics/index.js';
import { bareJid, xml } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';
import { counterpartOf, requirePeers } from './peers.js';
import { resolveRecipient } from './recipients.js';

export const run: StepRun<'subscribe'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const to = bareJid(await resolveRecipient(ctx, step.to, step.timeoutMs));
  if (step.asPeer) {
    const from = counterpartOf(requirePeers(ctx), ctx.user);
    const request = xml('presence', { from, to, type: 'subscribe' });
    await bounded(requirePeers(ctx).network.send(request), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending a subscription request over s2s' });
    ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence', side: 's2s' });
    return;
  }
  const request = xml('presence', { to, type: 'subscribe' });
  await bounded(session.send(request), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending a subscription request' });
  ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence' });
};
