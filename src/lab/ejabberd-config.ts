import { stringify } from 'yaml';
import { LAB_UPLOAD_LIMIT_BYTES } from './http-endpoints.js';
import type { LabPorts, VariantName } from './types.js';

/** Where the lab ejabberd mounts BOSH and WebSocket on its HTTPS listener. */
export const EJABBERD_HTTP_PATHS = { bosh: '/bosh', websocket: '/ws' } as const;
const UPLOAD_PATH = '/upload';

/** Everything the lab ejabberd's three config files depend on; rendering is pure. */
export interface EjabberdConfigInput {
  variant: VariantName;
  domains: readonly [string, string];
  /** LabPorts plus the mod_http_api listener, the HTTPS listener and the Erlang distribution port. */
  ports: LabPorts & { http: number; https: number; dist: number };
  /** The loopback DNS server ejabberd resolves s2s peers through. */
  dns: { address: string; port: number };
  /** Server certificate and key (one PEM file) valid for both domains. */
  certFile: string;
  caFile: string;
  pidFile: string;
  /** Where mod_http_upload keeps uploaded files. */
  uploadDir: string;
}

export interface EjabberdConfigFiles {
  'ejabberd.yml': string;
  'ejabberdctl.cfg': string;
  inetrc: string;
}

const LOOPBACK = '127.0.0.1';
const BACKLOG = 1024;
/** OpenSSL 3 refuses TLS 1.0/1.1 at its default security level whatever the protocol options say. */
const LEGACY_CIPHERS = 'DEFAULT:@SECLEVEL=0';
const MODERN_PROTOCOL_OPTIONS = ['no_sslv3', 'no_tlsv1', 'no_tlsv1_1', 'cipher_server_preference'];
const LEGACY_PROTOCOL_OPTIONS = ['no_sslv3', 'cipher_server_preference'];

function tlsOptions(variant: VariantName): Record<string, unknown> {
  const legacy = variant === 'tls-legacy';
  const protocolOptions = legacy ? LEGACY_PROTOCOL_OPTIONS : MODERN_PROTOCOL_OPTIONS;
  return {
    c2s_protocol_options: protocolOptions,
    s2s_protocol_options: protocolOptions,
    ...(legacy ? { c2s_ciphers: LEGACY_CIPHERS, s2s_ciphers: LEGACY_CIPHERS } : {}),
  };
}

function listeners(input: EjabberdConfigInput): unknown[] {
  const common = { ip: LOOPBACK, backlog: BACKLOG };
  const c2s = { ...common, module: 'ejabberd_c2s', shaper: 'none', access: 'c2s' };
  return [
    { ...c2s, port: input.ports.c2s, starttls: true, starttls_required: input.variant !== 'plain-before-tls' },
    { ...c2s, port: input.ports.c2sDirectTls, tls: true },
    { ...common, port: input.ports.s2s, module: 'ejabberd_s2s_in', shaper: 'none' },
    { ...common, port: input.ports.http, module: 'ejabberd_http', request_handlers: { '/api': 'mod_http_api' } },
    {
      ...common,
      port: input.ports.https,
      module: 'ejabberd_http',
      tls: true,
      request_handlers: {
        [EJABBERD_HTTP_PATHS.bosh]: 'mod_bosh',
        [EJABBERD_HTTP_PATHS.websocket]: 'ejabberd_http_ws',
        [UPLOAD_PATH]: 'mod_http_upload',
        '/.well-known/host-meta': 'mod_host_meta',
        '/.well-known/host-meta.json': 'mod_host_meta',
      },
    },
  ];
}

function modules(input: EjabberdConfigInput): Record<string, unknown> {
  const { variant } = input;
  const origin = `@HOST@:${input.ports.https}`;
  const all: Record<string, unknown> = {
    mod_blocking: {},
    mod_bosh: {},
    mod_host_meta: {
      bosh_service_url: `https://${origin}${EJABBERD_HTTP_PATHS.bosh}`,
      websocket_url: `wss://${origin}${EJABBERD_HTTP_PATHS.websocket}`,
    },
    // The upload host is upload.@HOST@ (the module's default), named in the lab certificate.
    mod_http_upload: {
      put_url: `https://@HOST@:${input.ports.https}${UPLOAD_PATH}`,
      docroot: input.uploadDir,
      max_size: LAB_UPLOAD_LIMIT_BYTES,
    },
    mod_caps: {},
    mod_carboncopy: {},
    mod_disco: {},
    mod_http_api: {},
    mod_last: {},
    mod_offline: {},
    mod_ping: {},
    // mod_blocking refuses to start without it.
    mod_privacy: {},
    mod_private: {},
    // PEP; mod_private also keeps bookmarks there.
    mod_pubsub: { plugins: ['flat', 'pep'] },
    mod_register: { ip_access: 'all' },
    mod_roster: { versioning: true },
    mod_s2s_dialback: {},
    mod_stream_mgmt: {},
    mod_vcard: {},
    mod_version: {},
  };
  const dropped: Partial<Record<VariantName, string>> = {
    'no-offline': 'mod_offline',
    'no-ibr': 'mod_register',
    'no-dialback': 'mod_s2s_dialback',
  };
  const name = dropped[variant];
  if (name) delete all[name];
  return all;
}

export function renderEjabberdYml(input: EjabberdConfigInput): string {
  const config = {
    hosts: [...input.domains],
    loglevel: 'info',
    log_rotate_count: 0,
    certfiles: [input.certFile],
    // Peers with lab-CA certificates (Prosody, simulated servers) authenticate by SASL EXTERNAL.
    ca_file: input.caFile,
    auth_method: 'internal',
    // SCRAM-SHA-1 only: ejabberd stores one SCRAM hash (auth_scram_hash, default sha).
    auth_password_format: 'scram',
    disable_sasl_mechanisms: ['DIGEST-MD5', 'X-OAUTH2'],
    ...tlsOptions(input.variant),
    s2s_use_starttls: input.variant === 's2s-cleartext' ? 'optional' : 'required',
    s2s_access: 'all',
    s2s_max_retry_delay: 5,
    // SRV targets are `localhost`, which /etc/hosts maps to 127.0.0.1 only.
    outgoing_s2s_families: ['ipv4'],
    registration_timeout: 'infinity',
    max_fsm_queue: 100_000,
    listen: listeners(input),
    acl: { loopback: { ip: ['127.0.0.0/8', '::1/128'] }, local: { user_regexp: '' } },
    // `local` (users of these hosts) is the access rule mod_http_upload lets upload; undefined, every slot is forbidden.
    access_rules: { c2s: { allow: 'all' }, local: { allow: 'local' } },
    shaper_rules: { c2s_shaper: 'none', s2s_shaper: 'none' },
    api_permissions: {
      'lab provisioning from loopback': {
        from: ['mod_http_api'],
        who: { acl: 'loopback' },
        what: ['register', 'registered_users', 'status'],
      },
      'ejabberdctl on the lab node': { from: ['ejabberd_ctl'], who: 'all', what: '*' },
    },
    modules: modules(input),
  };
  // ejabberd's YAML reader knows no anchors, so repeated lists are written out each time.
  return stringify(config, { aliasDuplicateObjects: false });
}

/** Read by `ejabberdctl --ctl-config` (a shell fragment), for the server and every ctl call. */
export function renderEjabberdctlCfg(input: EjabberdConfigInput): string {
  return [
    '# Fixed distribution port: no epmd is started, nothing listens beyond loopback.',
    `ERL_DIST_PORT=${input.ports.dist}`,
    // The kernel flag directly, instead of INET_DIST_INTERFACE, which costs an extra VM start per call.
    `ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1}"`,
    'ERL_MAX_PORTS=65536',
    `EJABBERD_PID_PATH=${input.pidFile}`,
    'EJABBERD_BYPASS_WARNINGS=true',
    '',
  ].join('\n');
}

/**
 * ejabberdctl points ERL_INETRC at `<config-dir>/inetrc`. Without `resolv_conf ""` Erlang keeps
 * watching /etc/resolv.conf, whose nameservers replace the one named here. `file` first: SRV
 * targets are `localhost`, found in /etc/hosts.
 */
export function renderInetrc(input: EjabberdConfigInput): string {
  const ip = input.dns.address.split('.').join(',');
  return ['{resolv_conf, ""}.', '{lookup, [file, dns]}.', `{nameserver, {${ip}}, ${input.dns.port}}.`, ''].join('\n');
}

export function renderEjabberdConfig(input: EjabberdConfigInput): EjabberdConfigFiles {
  return {
    'ejabberd.yml': renderEjabberdYml(input),
    'ejabberdctl.cfg': renderEjabberdctlCfg(input),
    inetrc: renderInetrc(input),
  };
}
