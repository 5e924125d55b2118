/**
 * The observer domain `gauntlet rank` plays for its federation and inventory probes, started once
 * per run from the --peer-* options (the same simulated-peer settings as `check`'s s2s checks,
 * docs/federation.md). Without them no s2s stream is opened and federation is "unknown".
 */
import { randomBytes } from 'node:crypto';
import { startExternalPeers } from '../engine/external-peers.js';
import { RankObserver } from '../rank/probe/index.js';
import { GauntletError } from '../util/errors.js';
import { externalPeerSettings, type S2sFlags } from './s2s-options.js';

export async function startRankObserver(flags: S2sFlags, caPem: string | undefined, say: (line: string) => void): Promise<{ observer: RankObserver; close(): Promise<void> } | undefined> {
  if (flags.s2sPort !== undefined) throw new GauntletError('usage', 'rank takes s2s ports per host', { hint: 'give "s2sPort" in the JSON host list' });
  const settings = externalPeerSettings(flags, false);
  if (!settings) return undefined;
  const env = await startExternalPeers(settings, say);
  // The embedded DNS answers any name: a fresh one per run, so hosts cache nothing across runs.
  const domain = settings.domains?.[0] ?? `observer-${randomBytes(4).toString('hex')}.rank.example`;
  try {
    const observer = await RankObserver.start({
      domain,
      issuer: env.issuer,
      credentials: env.provided.get(domain),
      trustedCaPems: caPem ? [caPem] : undefined,
      dns: env.dns,
      listen: settings.listen,
      publicHost: env.publicHost,
      auth: settings.auth,
    });
    say(`observer domain: ${domain}`);
    return { observer, close: async () => (await observer.close(), await env.close()) };
  } catch (error) {
    await env.close();
    throw error;
  }
}
