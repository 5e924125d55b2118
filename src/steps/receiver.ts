import { COUNTERS, LATENCY } from '../metrics/index.js';
import { bareJid, type Element } from '../xmpp/index.js';
import type { UserContext } from './context.js';
import { isDelayed, preciseNowMs, readStamp } from './stamp.js';

const US_PER_MS = 1000;

/**
 * What a simulated user's session does with everything that arrives: counts it, turns stamped
 * messages and presences into end-to-end latencies, and keeps the roster cache current.
 */
export function receiveInto(ctx: UserContext): (stanza: Element) => void {
  const { metrics, runId } = ctx.shared;
  return (stanza) => {
    const arrivedMs = preciseNowMs();
    metrics.increment(COUNTERS.stanzasReceived, { kind: stanza.name });
    if (stanza.attrs.type === 'error') {
      const condition = stanza.getChild('error')?.getChildElements()[0]?.name ?? 'undefined-condition';
      metrics.increment(COUNTERS.stanzaErrors, { condition });
    }
    if (stanza.name === 'iq' && stanza.attrs.type === 'set') {
      for (const item of stanza.getChild('query', 'jabber:iq:roster')?.getChildren('item') ?? []) {
        if (item.attrs.subscription === 'remove') ctx.roster.delete(item.attrs.jid ?? '');
        else if (item.attrs.jid) ctx.roster.add(item.attrs.jid);
      }
      return;
    }
    const stamp = readStamp(stanza);
    if (!stamp || stamp.run !== runId) return;
    if (stanza.name === 'message') {
      if (isDelayed(stanza) && ctx.presenceSentAtMs !== undefined) {
        metrics.recordMs(LATENCY.offlineDelivery, arrivedMs - ctx.presenceSentAtMs);
      } else if (stamp.intendedMs !== undefined) {
        metrics.correctedLatency(LATENCY.messageE2e).recordFromIntended(stamp.intendedMs * US_PER_MS, stamp.sentMs * US_PER_MS, arrivedMs * US_PER_MS);
      } else {
        metrics.recordMs(LATENCY.messageE2e, arrivedMs - stamp.sentMs);
      }
    } else if (stanza.name === 'presence' && stanza.attrs.from && bareJid(stanza.attrs.from) !== ctx.user.jid) {
      metrics.recordMs(LATENCY.presenceE2e, arrivedMs - stamp.sentMs);
    }
  };
}
