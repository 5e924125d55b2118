/** `peers:` — simulated federated servers (s2s) whose remote users take part in the flow. */
import { Type } from '@sinclair/typebox';
import { Choice, Decoded, PositiveInteger, Strict } from './base.js';
import { DomainName } from './target.js';

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
  }),
);
