/**
 * Simulated peer domains as the steps see them (`peers:` in the scenario): each virtual user has
 * one remote counterpart `user{k}@peer{d}`, who acts for it in `as: peer` steps and is the
 * recipient `peer`. What the target delivers to the remote users is measured here
 * (c2s_to_s2s_e2e), as are the peers' s2s connections (s2s_connect, s2s_auth).
 */
import { COUNTERS, LATENCY, type MetricsRegistry } from '../metrics/index.js';
import type { LinkEvent, PeerNetwork } from '../s2s/index.js';
import type { Element } from '../xmpp/index.js';
import type { StepContext } from './context.js';
import { StepFailure } from './failures.js';
import { preciseNowMs, readStamp } from './stamp.js';
import type { VirtualUser } from './types.js';

export interface RunPeers {
  readonly network: PeerNetwork;
  readonly usersPerPeer: number;
}

/** This user's counterpart: users spread over the peer domains first, then over their users. */
export function counterpartOf(peers: RunPeers, user: VirtualUser): string {
  const domains = peers.network.domains;
  const index = Math.abs(user.n);
  const domain = domains[index % domains.length]!;
  const k = (Math.floor(index / domains.length) % peers.usersPerPeer) + 1;
  return `user${k}@${domain}`;
}

export function requirePeers(ctx: StepContext): RunPeers {
  if (!ctx.run.peers) throw new StepFailure('step', 'no-peers', 'this step acts for or talks to a remote user: add a peers: section');
  return ctx.run.peers;
}

/** True when `jid` belongs to one of the simulated peer domains. */
export function isPeerJid(peers: RunPeers | undefined, jid: string | undefined): boolean {
  if (!peers || !jid) return false;
  const bare = jid.split('/')[0]!;
  return peers.network.domains.includes(bare.slice(bare.indexOf('@') + 1).toLowerCase());
}

/** Records what happens on the s2s side for the whole run; `runId` keeps old stamps out. */
export function watchPeers(peers: RunPeers, metrics: MetricsRegistry, runId: string): void {
  peers.network.on('link', ({ link }: LinkEvent) => {
    metrics.increment(COUNTERS.connectionsOpened, { side: 's2s' });
    metrics.recordMs(LATENCY.s2sConnect, link.timings.connectMs);
    metrics.recordMs(LATENCY.s2sAuth, link.timings.authMs);
  });
  peers.network.on('stanza', (stanza: Element) => {
    const arrivalMs = preciseNowMs();
    metrics.increment(COUNTERS.stanzasReceived, { kind: stanza.name, side: 's2s' });
    const stamp = stanza.name === 'message' ? readStamp(stanza) : undefined;
    if (stamp?.run !== runId) return;
    // Like every e2e metric: a rate-driven sender's stamp also feeds the corrected twin.
    if (stamp.intendedMs === undefined) metrics.recordMs(LATENCY.c2sToS2sE2e, arrivalMs - stamp.sentMs);
    else metrics.correctedLatency(LATENCY.c2sToS2sE2e).recordFromIntended(stamp.intendedMs * 1000, stamp.sentMs * 1000, arrivalMs * 1000);
  });
}
