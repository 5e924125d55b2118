/** `presence`: broadcast presence; available presences carry an e2e stamp (presence_e2e). */
import { COUNTERS } from '../metrics/index.js';
import { bareJid, xml } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';
import { counterpartOf, requirePeers } from './peers.js';
import { preciseNowMs, stampElement } from './stamp.js';

export const run: StepRun<'presence'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const available = step.type === 'available';
  const sentMs = preciseNowMs();
  const stanza = xml(
    'presence',
    { type: available ? undefined : 'unavailable' },
    step.show !== undefined && xml('show', {}, step.show),
    step.status !== undefined && xml('status', {}, ctx.render(step.status)),
    step.priority !== undefined && xml('priority', {}, String(step.priority)),
    available && stampElement(ctx.stamp(sentMs)),
  );
  if (step.asPeer) {
    // The remote counterpart tells this user it is there: directed presence over s2s (presence_e2e).
    const peers = requirePeers(ctx);
    Object.assign(stanza.attrs, { from: `${counterpartOf(peers, ctx.user)}/gauntlet`, to: bareJid(session.jid) });
    await bounded(peers.network.send(stanza), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending presence over s2s' });
    ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence', side: 's2s' });
    return;
  }
  // offline_delivery is measured from the initial presence, which triggers the flush.
  if (available) ctx.initialPresenceMs ??= sentMs;
  await bounded(session.send(stanza), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending presence' });
  ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence' });
};
