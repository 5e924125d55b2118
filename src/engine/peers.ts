/**
 * Starts the scenario's simulated peer domains (`peers:`) against the resolved target. Lab
 * targets get the peer domains in the lab DNS and trust the lab CA already. A target the tool did
 * not start finds the peers as `peers.find_by` says (docs/federation.md), must trust the tool's
 * peer CA (or the operator's certificates), and must pass the federation pre-flight first.
 */
import type { Scenario } from '../scenario/index.js';
import { DEFAULT_S2S_PORT, PeerNetwork, type PeerTarget } from '../s2s/index.js';
import type { RunPeers } from '../steps/peers.js';
import { GauntletError } from '../util/errors.js';
import { describePreflight, PREFLIGHT_TIMEOUT_MS, runPreflight, startExternalPeers, type ExternalPeerSettings } from './external-peers.js';
import type { ResolvedTarget } from './target.js';

export type PeersConfig = NonNullable<Scenario['peers']>;

function externalSettings(config: PeersConfig): ExternalPeerSettings {
  return {
    discovery: config.discovery,
    listen: { host: config.listen.host, port: config.listen.port },
    publicHost: config.listen.publicHost,
    domains: config.domains,
    certificates: config.certificates,
    auth: config.auth,
    caDir: config.caDir,
  };
}

async function startExternal(config: PeersConfig, resolved: ResolvedTarget, say: (line: string) => void): Promise<PeerNetwork> {
  const settings = externalSettings(config);
  const { connection } = resolved;
  const target: PeerTarget & { s2s: { host: string; port: number } } = {
    domains: [connection.domain],
    s2s: { host: connection.host, port: config.targetS2sPort ?? DEFAULT_S2S_PORT },
    caPem: connection.caPem,
  };
  const env = await startExternalPeers(settings, say);
  try {
    const outcome = await runPreflight({ env, settings, target, targetDomain: connection.domain, timeoutMs: PREFLIGHT_TIMEOUT_MS });
    say(describePreflight(outcome));
    if (!outcome.ok) throw new GauntletError('unreachable', describePreflight(outcome), { hint: 'docs/federation.md shows each way of making the target find the peers' });
    return await PeerNetwork.start({
      domains: config.domains,
      target,
      issuer: env.issuer,
      providedCertificates: env.provided,
      auth: config.auth,
      listen: settings.listen,
      publicHost: env.publicHost,
      dns: env.dns,
      onClose: env.close,
    });
  } catch (error) {
    await env.close();
    throw error;
  }
}

export async function startRunPeers(config: PeersConfig, resolved: ResolvedTarget, say = (line: string) => void process.stderr.write(`${line}\n`)): Promise<RunPeers> {
  const { lab, connection } = resolved;
  if (!lab) return { network: await startExternal(config, resolved, say), usersPerPeer: config.usersPerPeer };
  // The lab module (node-forge, dns2) is loaded only when needed.
  const { labCa, labDns } = await import('../lab/index.js');
  const network = await PeerNetwork.start({
    domains: config.domains,
    target: { domains: lab.domains, s2s: { host: lab.host, port: lab.ports.s2s }, caPem: connection.caPem },
    issuer: await labCa(),
    auth: config.auth,
    listen: { host: config.listen.host, port: config.listen.port },
    dns: await labDns(),
  });
  return { network, usersPerPeer: config.usersPerPeer };
}
