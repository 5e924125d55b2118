/**
 * Starts the scenario's simulated peer domains (`peers:`) against the resolved target. Lab
 * targets get the peer domains in the lab DNS and trust the lab CA already; a real target
 * must have the SRV records and trust the tool's CA, which is checked (DNS) and said before a run.
 */
import type { Scenario } from '../scenario/index.js';
import { checkPeerDns, describePeerDns, PeerNetwork, type PeerTarget } from '../s2s/index.js';
import type { RunPeers } from '../steps/peers.js';
import { GauntletError } from '../util/errors.js';
import type { ResolvedTarget } from './target.js';

export type PeersConfig = NonNullable<Scenario['peers']>;

async function checkRealTarget(config: PeersConfig, caFile: string): Promise<void> {
  const { publicHost, port } = config.listen;
  if (!publicHost || port === 0) {
    throw new GauntletError('config', 'peers: against a server that is not a lab target need listen.public_host and a fixed listen.port', {
      hint: 'the target connects back to the simulated peers there (SRV records of the peer domains point at it)',
    });
  }
  const problems = await checkPeerDns(config.domains, { publicHost, port });
  if (problems.length > 0) {
    throw new GauntletError('config', `the peer domains do not lead the target to the listener:\n  ${problems.join('\n  ')}`, {
      hint: `publish these records:\n  ${describePeerDns(config.domains, { publicHost, port }).join('\n  ')}\nand make the target trust the CA in ${caFile}`,
    });
  }
}

export async function startRunPeers(config: PeersConfig, resolved: ResolvedTarget): Promise<RunPeers> {
  // The lab module (node-forge, dns2) also provides the tool's CA for real targets.
  const { labCa, labDns } = await import('../lab/index.js');
  const issuer = await labCa();
  const { lab, connection } = resolved;
  if (!lab) await checkRealTarget(config, issuer.certFile);
  const target: PeerTarget = lab
    ? { domains: lab.domains, s2s: { host: lab.host, port: lab.ports.s2s }, caPem: connection.caPem }
    : { domains: [connection.domain], caPem: connection.caPem };
  const network = await PeerNetwork.start({
    domains: config.domains,
    target,
    issuer,
    auth: config.auth,
    listen: { host: config.listen.host, port: config.listen.port },
    dns: lab ? await labDns() : undefined,
  });
  return { network, usersPerPeer: config.usersPerPeer };
}
