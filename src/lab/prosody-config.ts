import { LAB_UPLOAD_LIMIT_BYTES } from './http-endpoints.js';
import { HOST_META_MODULE } from './prosody-host-meta.js';
import type { LabPorts, VariantName } from './types.js';

/** Where Prosody 0.12 mounts its BOSH and WebSocket apps by default. */
export const PROSODY_HTTP_PATHS = { bosh: '/http-bind', websocket: '/xmpp-websocket' } as const;

/** Everything the lab Prosody's config depends on; rendering is pure. */
export interface ProsodyConfigInput {
  variant: VariantName;
  domains: readonly [string, string];
  ports: LabPorts & { https: number };
  dns: { address: string; port: number };
  dir: string;
  certFile: string;
  keyFile: string;
  /** The lab CA: peers with its certificates may also authenticate s2s by SASL EXTERNAL. */
  caFile: string;
  runAsRoot: boolean;
}

const MODULES = [
  'roster', 'saslauth', 'tls', 'dialback', 'disco', 'register', 'offline', 'ping', 'time',
  'version', 'uptime', 'private', 'vcard', 'blocklist', 'carbons', 'pep', 'admin_shell',
  'admin_socket', 'lastactivity', 'bosh', 'websocket', HOST_META_MODULE,
];

const lua = (value: string) => JSON.stringify(value);
const luaList = (values: readonly string[]) => `{ ${values.map(lua).join('; ')} }`;

/** What each variant changes, as Lua settings; the baseline is the empty change. */
function variantSettings(variant: VariantName): { c2sEncrypted: boolean; s2sEncrypted: boolean; disabled: string[]; registration: boolean; legacyTls: boolean } {
  return {
    c2sEncrypted: variant !== 'plain-before-tls',
    s2sEncrypted: variant !== 's2s-cleartext',
    disabled: variant === 'no-offline' ? ['offline'] : variant === 'no-dialback' ? ['dialback'] : [],
    registration: variant !== 'no-ibr',
    legacyTls: variant === 'tls-legacy',
  };
}

function sslBlock(input: ProsodyConfigInput, legacyTls: boolean): string {
  const legacy = legacyTls
    ? // Measured: "tlsv1+" alone still fails the TLS 1.0/1.1 handshake (alert 40). Those versions
      // need the CBC suites the default list lacks and OpenSSL 3's security level 0.
      `protocol = "tlsv1+"; ciphers = "DEFAULT:@SECLEVEL=0";`
    : `protocol = "tlsv1_2+";`;
  return `ssl = { certificate = ${lua(input.certFile)}; key = ${lua(input.keyFile)}; cafile = ${lua(input.caFile)}; ${legacy} }`;
}

export function renderProsodyConfig(input: ProsodyConfigInput): string {
  const v = variantSettings(input.variant);
  const modules = MODULES.filter((m) => !v.disabled.includes(m));
  return `-- Written by xmpp-gauntlet's lab for one throwaway run (variant: ${input.variant}).
run_as_root = ${input.runAsRoot}
pidfile = ${lua(`${input.dir}/prosody.pid`)}
data_path = ${lua(`${input.dir}/data`)}
admin_socket = ${lua(`${input.dir}/data/prosody.sock`)}
log = { { levels = { min = "info" }; to = "file"; filename = ${lua(`${input.dir}/prosody.log`)} } }
certificates = ${lua(`${input.dir}/certs`)}

interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { ${input.ports.c2s} }
c2s_direct_tls_ports = { ${input.ports.c2sDirectTls} }
s2s_ports = { ${input.ports.s2s} }
-- HTTPS only (BOSH, WebSocket, host-meta, upload), on loopback; no cleartext HTTP, no proxies.
http_ports = { }
https_ports = { ${input.ports.https} }
https_interfaces = { "127.0.0.1" }
https_ssl = { certificate = ${lua(input.certFile)}; key = ${lua(input.keyFile)}; }
plugin_paths = { ${lua(`${input.dir}/modules`)} }

modules_enabled = ${luaList(modules)}
modules_disabled = ${luaList(v.disabled)}

authentication = "internal_hashed"
storage = "internal"
c2s_require_encryption = ${v.c2sEncrypted}
allow_unencrypted_plain_auth = ${!v.c2sEncrypted}
s2s_require_encryption = ${v.s2sEncrypted}
-- Peers may prove themselves by dialback; certificate-only s2s would refuse peers without a
-- lab-CA certificate. Peers with one can still use SASL EXTERNAL (cafile below).
s2s_secure_auth = false
allow_registration = ${v.registration}
-- mod_register_limits throttles only when min_seconds_between_registrations or
-- registration_throttle_max is set (neither is); loopback is allowlisted besides.
registration_allowlist = { "127.0.0.1"; "::1" }

unbound = { resolvconf = false; hoststxt = false; forward = ${lua(`${input.dns.address}@${input.dns.port}`)} }

${sslBlock(input, v.legacyTls)}

${input.domains.map((domain) => `VirtualHost ${lua(domain)}`).join('\n')}

-- XEP-0363 for the first domain; a small limit keeps the size-limit error cheap to provoke.
Component ${lua(`upload.${input.domains[0]}`)} "http_file_share"
  http_file_share_size_limit = ${LAB_UPLOAD_LIMIT_BYTES}
  http_file_share_daily_quota = ${LAB_UPLOAD_LIMIT_BYTES * 1024}
`;
}
