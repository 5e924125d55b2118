/** `target:` — the server under test, reached over the network or started as a throwaway lab. */
import { Type } from '@sinclair/typebox';
import { SERVER_KINDS, type VariantName } from '../../lab/types.js';
import { Choice, Decoded, Strict } from './base.js';

export const TLS_MODES = ['starttls', 'direct', 'none'] as const;
export const TRANSPORTS = ['tcp', 'websocket', 'bosh'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

function TransportChoice() {
  return Choice(TRANSPORTS, {
    default: 'tcp',
    description: 'How simulated users reach the server: tcp (RFC 6120), websocket (RFC 7395) or bosh (XEP-0206)',
  });
}
export const LAB_SERVERS = SERVER_KINDS;
export const LAB_VARIANTS = [
  'baseline',
  'plain-before-tls',
  'no-offline',
  'tls-legacy',
  'no-ibr',
  's2s-cleartext',
  'no-dialback',
] as const satisfies readonly VariantName[];
// Compile-time guard: a variant added to the lab but missing here fails the type check.
const everyVariantListed: Exclude<VariantName, (typeof LAB_VARIANTS)[number]> extends never ? true : never = true;
void everyVariantListed;

export const TARGET_DEFAULTS = { tls: 'starttls', allowCleartextAuth: false, variant: 'baseline' } as const;

export function DomainName(description = 'An XMPP domain (the part after @ in a JID)') {
  return Type.String({ title: 'a domain name', pattern: '^[^\\s@/:]+$', description, examples: ['example.org'] });
}

/** The second server of a two-server run: reached like a target, one domain. */
const SecondServer = Decoded(
  Strict(
    {
      domain: DomainName('The second server\'s XMPP domain; every other simulated user lives there'),
      host: Type.Optional(Type.String({ minLength: 1, description: 'Address to connect to; when omitted, DNS SRV records of the domain are used' })),
      port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Port; defaults to 5222 (starttls, none) or 5223 (direct) when host is given' })),
      tls: Type.Optional(Choice(TLS_MODES, { default: TARGET_DEFAULTS.tls, description: 'starttls (RFC 6120), direct TLS (XEP-0368) or none' })),
      ca: Type.Optional(Type.String({ minLength: 1, description: 'PEM file of the CA to trust for this server (path relative to the scenario file)' })),
      allow_cleartext_auth: Type.Optional(Type.Boolean({ default: TARGET_DEFAULTS.allowCleartextAuth, description: 'Allow password authentication over an unencrypted stream' })),
    },
    {
      title: 'a second server',
      description: 'Another server federating with the target, with accounts of its own: messages between users of the two cross servers (federated_e2e)',
    },
  ),
  (input) => ({
    domain: input.domain,
    host: input.host,
    port: input.port,
    tls: input.tls ?? TARGET_DEFAULTS.tls,
    ca: input.ca,
    allowCleartextAuth: input.allow_cleartext_auth ?? TARGET_DEFAULTS.allowCleartextAuth,
  }),
);

const ServerTarget = Decoded(
  Strict(
    {
      domain: Type.Optional(DomainName()),
      domains: Type.Optional(Type.Array(DomainName(), { minItems: 1, description: 'Several domains served by the same server; users are spread over them' })),
      host: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Address to connect to; when omitted, DNS SRV records of the domain are used (_xmpp-client._tcp, _xmpps-client._tcp)',
        }),
      ),
      port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Port; defaults to 5222 (starttls, none) or 5223 (direct) when host is given' })),
      tls: Type.Optional(Choice(TLS_MODES, { default: TARGET_DEFAULTS.tls, description: 'starttls (RFC 6120), direct TLS (XEP-0368) or none' })),
      ca: Type.Optional(Type.String({ minLength: 1, description: 'PEM file of the CA to trust instead of the system roots (path relative to the scenario file)' })),
      allow_cleartext_auth: Type.Optional(
        Type.Boolean({ default: TARGET_DEFAULTS.allowCleartextAuth, description: 'Allow password authentication over an unencrypted stream; must be set explicitly' }),
      ),
      federate_with: Type.Optional(SecondServer),
      transport: Type.Optional(TransportChoice()),
      host_meta: Type.Optional(
        Type.String({
          pattern: '^https://',
          description: 'Where XEP-0156 host-meta lives, when not at https://<domain>/.well-known/host-meta (the JSON form is this URL plus .json)',
        }),
      ),
      url: Type.Optional(
        Type.String({
          pattern: '^(wss?|https?)://',
          description:
            'The WebSocket (wss://) or BOSH (https://) endpoint; when omitted, found through XEP-0156 host-meta of the domain. host, when given, is where to connect',
        }),
      ),
    },
    { title: 'a server target', description: 'A server reached over the network' },
  ),
  (input) => ({
    kind: 'server' as const,
    domains: input.domains ?? [input.domain!],
    host: input.host,
    port: input.port,
    tls: input.tls ?? TARGET_DEFAULTS.tls,
    ca: input.ca,
    allowCleartextAuth: input.allow_cleartext_auth ?? TARGET_DEFAULTS.allowCleartextAuth,
    federateWith: input.federate_with,
    ...(input.transport === undefined ? {} : { transport: input.transport as TransportName }),
    ...(input.url === undefined ? {} : { url: input.url }),
    ...(input.host_meta === undefined ? {} : { hostMeta: input.host_meta }),
  }),
);

const LabTarget = Decoded(
  Strict(
    {
      lab: Choice(LAB_SERVERS, { description: 'Start a throwaway local server of this kind for the run' }),
      variant: Type.Optional(
        Choice(LAB_VARIANTS, { default: TARGET_DEFAULTS.variant, description: 'Lab configuration variant (each changes one thing against the baseline)' }),
      ),
      federate_with: Type.Optional(
        Choice(LAB_SERVERS, {
          description:
            'Also start a lab server of this other kind, federating with the first over s2s: every other user lives on it, so messages between users cross servers (federated_e2e)',
        }),
      ),
      transport: Type.Optional(TransportChoice()),
    },
    { title: 'a lab target', description: 'A throwaway Prosody or ejabberd started on loopback for the run' },
  ),
  (input) => ({
    kind: 'lab' as const,
    server: input.lab,
    variant: input.variant ?? TARGET_DEFAULTS.variant,
    federateWith: input.federate_with,
    ...(input.transport === undefined ? {} : { transport: input.transport as TransportName }),
  }),
);

export const TargetSchema = Type.Union([LabTarget, ServerTarget], {
  title: 'a target',
  description: 'The server under test: `{ domain, host?, port?, tls?, ca? }` or `{ lab: prosody | ejabberd }`',
});
