/**
 * What every session does with incoming stanzas, whichever step runs: counts them and their
 * errors, measures stamped messages and presences end to end (message_e2e, presence_e2e,
 * offline_delivery), and keeps the roster cache current from roster pushes.
 */
import { COUNTERS, LATENCY, type Labels } from '../metrics/index.js';
import { jidDomain } from './federation.js';
import { bareJid, XmppStanzaError, type Element, type Session } from '../xmpp/index.js';
import type { StepContext } from './context.js';
import { isPeerJid } from './peers.js';
import { applyRosterItems, parseRosterItems, rosterPushQuery } from './roster.js';
import { isDelayed, preciseNowMs, readStamp, type Stamp } from './stamp.js';

export function watchIncoming(ctx: StepContext, session: Session): void {
  const ownFull = session.jid.toString();
  const ownBare = bareJid(ownFull);
  session.on('stanza', (stanza) => {
    const arrivalMs = preciseNowMs();
    const { metrics } = ctx.run;
    metrics.increment(COUNTERS.stanzasReceived, { kind: stanza.name });
    if (stanza.attrs.type === 'error') {
      metrics.increment(COUNTERS.stanzaErrors, { condition: XmppStanzaError.fromStanza(stanza).condition });
      if (stanza.name === 'message') bounced(ctx, stanza);
      return;
    }
    if (stanza.name === 'message') onMessage(ctx, stanza, arrivalMs, ownFull);
    else if (stanza.name === 'presence') onPresence(ctx, stanza, arrivalMs, ownBare);
    else onIq(ctx, stanza, ownBare);
  });
}

/** An error from a full JID still owed our messages answers one of them (servers need not echo the original). */
function bounced(ctx: StepContext, stanza: Element): void {
  ctx.run.federation?.bounced(stanza.attrs.id, ctx.user.domain);
  if (stanza.attrs.from) ctx.run.deliveries.settled(stanza.attrs.from, false);
}

function thisRunsStamp(ctx: StepContext, stanza: Element): Stamp | undefined {
  const stamp = readStamp(stanza);
  return stamp?.run === ctx.run.runId ? stamp : undefined;
}

function recordE2e(ctx: StepContext, name: string, stamp: Stamp, arrivalMs: number, labels?: Labels): void {
  if (stamp.intendedMs === undefined) {
    ctx.run.metrics.recordMs(name, arrivalMs - stamp.sentMs, labels);
    return;
  }
  ctx.run.metrics.correctedLatency(name, labels).recordFromIntended(stamp.intendedMs * 1000, stamp.sentMs * 1000, arrivalMs * 1000);
}

/** Which path a message took: from a simulated peer, from the other server of a two-server run (counted delivered), or local. */
function e2eMetric(ctx: StepContext, from: string | undefined, stamp: Stamp): { name: string; labels?: Labels } {
  if (isPeerJid(ctx.run.peers, from)) return { name: LATENCY.s2sToC2sE2e };
  const side = from && ctx.run.federation?.crossing(jidDomain(from), ctx.user.jid);
  if (side) return { name: ctx.run.federation!.delivered(side, stamp.first === true), labels: { from: side } };
  return { name: LATENCY.messageE2e };
}

function onMessage(ctx: StepContext, stanza: Element, arrivalMs: number, ownFull: string): void {
  const stamp = thisRunsStamp(ctx, stanza);
  if (!stamp) return;
  const { name, labels } = e2eMetric(ctx, stanza.attrs.from, stamp);
  if (!isDelayed(stanza)) {
    ctx.run.deliveries.settled(ownFull, true);
    recordE2e(ctx, name, stamp, arrivalMs, labels);
    return;
  }
  // Stored offline and flushed: what matters is how fast after coming online it arrives.
  if (ctx.initialPresenceMs !== undefined) ctx.run.metrics.recordMs(LATENCY.offlineDelivery, arrivalMs - ctx.initialPresenceMs);
}

function onPresence(ctx: StepContext, stanza: Element, arrivalMs: number, ownBare: string): void {
  const stamp = thisRunsStamp(ctx, stanza);
  const from = stanza.attrs.from;
  if (!stamp || !from || bareJid(from) === ownBare || ctx.initialPresenceMs === undefined) return;
  // Servers resend a contact's last presence (answering our initial presence's probe, or with a
  // subscription approval) marked with <delay/> (Prosody and ejabberd alike); one sent before
  // our initial presence is such a resend even if unmarked. Neither is a delivery time.
  if (isDelayed(stanza) || stamp.sentMs < ctx.initialPresenceMs) return;
  recordE2e(ctx, LATENCY.presenceE2e, stamp, arrivalMs);
}

function onIq(ctx: StepContext, stanza: Element, ownBare: string): void {
  const query = rosterPushQuery(stanza);
  const from = stanza.attrs.from;
  // RFC 6121 §2.1.6: only the user's own server (no from, or the bare JID) may push.
  if (!query || !ctx.roster || (from !== undefined && bareJid(from) !== ownBare)) return;
  applyRosterItems(ctx.roster, parseRosterItems(query));
}
