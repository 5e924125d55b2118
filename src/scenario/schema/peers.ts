/** `peers:` — simulated federated servers (s2s) whose remote users take part in the flow. */
import { Type } from '@sinclair/typebox';
import { Choice, Decoded, PositiveInteger, Strict } from './base.js';
import { DomainName } from './target.js';
import { DISCOVERY_PATTERN, parseDiscovery } from '../../s2s/peer-discovery.js';

export const PEER_AUTH = ['dialback', 'external'] as const;
export const PEERS_DEFAULTS = { count: 1, auth: 'dialback', users: 10, host: '127.0.0.1', port: 0 } as const;

/** Domain names for `count: N`: under .example, which every resolver here leaves to the lab DNS. */
export function numberedPeerDomains(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `peer${i + 1}.gauntlet.example`);
}

export const PeersSchema = Decoded(
  Strict(
    {
      count: Type.Optional(PositiveInteger({ description: 'Number of peer domains, named peer1.gauntlet.example, peer2...' })),
      domains: Type.Optional(Type.Array(DomainName('A peer domain played by the tool'), { minItems: 1, description: 'Peer domains by name (instead of count)' })),
      auth: Type.Optional(Choice(PEER_AUTH, { default: PEERS_DEFAULTS.auth, description: 'How peers authenticate to the target: dialback (XEP-0220) or SASL EXTERNAL (XEP-0178)' })),
      users: Type.Optional(PositiveInteger({ default: PEERS_DEFAULTS.users, description: 'Remote users per peer domain: user1@peer … userN@peer' })),
      listen: Type.Optional(
        Strict(
          {
            host: Type.Optional(Type.String({ minLength: 1, default: PEERS_DEFAULTS.host, description: 'Address of the s2s listener the target connects to' })),
            port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, default: PEERS_DEFAULTS.port, description: '0 = any free port (lab targets); a real target needs a fixed one' })),
            public_host: Type.Optional(Type.String({ minLength: 1, description: 'Host name the SRV records of the peer domains point at (real targets)' })),
          },
          { description: 'Where the simulated peers accept the target’s s2s connections' },
        ),
      ),
      find_by: Type.Optional(
        Type.String({
          pattern: DISCOVERY_PATTERN,
          description: 'Targets the tool did not start: how they find the peers — embedded:ADDR:PORT (the tool answers DNS there), hosts (A records / aliases, port 5269) or dns (SRV records, the default)',
        }),
      ),
      target_s2s_port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: "Targets the tool did not start: their s2s port (default 5269)" })),
      ca_dir: Type.Optional(Type.String({ minLength: 1, description: "Directory of the tool's peer CA (ca.pem, ca.key; created on first use) the target must trust" })),
      certificates: Type.Optional(
        Type.Array(
          Strict({ domain: DomainName('The peer domain'), cert: Type.String({ minLength: 1 }), key: Type.String({ minLength: 1 }) }),
          { description: "Operator-provided PEM certificate and key per peer domain, instead of the tool's CA" },
        ),
      ),
    },
    { title: 'simulated peers', description: 'Remote XMPP domains played by the tool (see docs/s2s.md)' },
  ),
  (input) => ({
    domains: input.domains ?? numberedPeerDomains(input.count ?? PEERS_DEFAULTS.count),
    auth: input.auth ?? PEERS_DEFAULTS.auth,
    usersPerPeer: input.users ?? PEERS_DEFAULTS.users,
    listen: {
      host: input.listen?.host ?? PEERS_DEFAULTS.host,
      port: input.listen?.port ?? PEERS_DEFAULTS.port,
      publicHost: input.listen?.public_host,
    },
    discovery: parseDiscovery(input.find_by ?? 'dns'),
    targetS2sPort: input.target_s2s_port,
    caDir: input.ca_dir,
    certificates: input.certificates?.map((c) => ({ domain: c.domain.toLowerCase(), certFile: c.cert, keyFile: c.key })),
  }),
);
