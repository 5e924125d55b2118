import { xml, type Element } from '../xmpp/xml.js';
import type { LabPorts, VariantName } from './types.js';

/** Everything the lab jabberd2's five config files depend on; rendering is pure. */
export interface Jabberd2ConfigInput {
  variant: VariantName;
  domains: readonly [string, string];
  /** LabPorts plus the router's component port (loopback only). */
  ports: LabPorts & { router: number };
  dir: string;
  /** Directory of authreg_sqlite.so, storage_sqlite.so and the sm modules. */
  moduleDir: string;
  /** Server certificate and key (one PEM file) valid for both domains. */
  pemFile: string;
  caFile: string;
  dbFile: string;
  /** Shared by router and components; random per lab. */
  routerSecret: string;
  /** Dialback key secret; random per lab. */
  dialbackSecret: string;
}

export interface Jabberd2ConfigFiles {
  'router.xml': string;
  'router-users.xml': string;
  'sm.xml': string;
  'c2s.xml': string;
  's2s.xml': string;
}

const LOOPBACK = '127.0.0.1';
const ROUTER_USER = 'jabberd';
/** OpenSSL 3 refuses TLS 1.0/1.1 at its default security level; jabberd2 sets no protocol floor of its own. */
const LEGACY_CIPHERS = 'DEFAULT:@SECLEVEL=0';

/** Text child elements in order: [['ip', '127.0.0.1'], ...]. */
const texts = (pairs: Array<[string, string | number]>): Element[] => pairs.map(([name, value]) => xml(name, {}, String(value)));
const empties = (names: readonly string[]): Element[] => names.map((name) => xml(name));
const render = (root: Element): string => `<?xml version="1.0"?>\n<!-- Written by xmpp-gauntlet's lab for one throwaway run. -->\n${root.toString()}\n`;

function logTo(input: Jabberd2ConfigInput, component: string): Element {
  return xml('log', { type: 'file' }, xml('file', {}, `${input.dir}/${component}.log`));
}

/** How sm, c2s and s2s reach the router; exit at once when it is gone (the lab stops them all). */
function routerLink(input: Jabberd2ConfigInput): Element {
  return xml(
    'router',
    {},
    ...texts([['ip', LOOPBACK], ['port', input.ports.router], ['user', ROUTER_USER], ['pass', input.routerSecret]]),
    xml('retry', {}, ...texts([['init', 10], ['lost', 0], ['sleep', 1]])),
  );
}

function component(input: Jabberd2ConfigInput, id: string, ...children: Element[]): string {
  return render(xml(id, {}, xml('id', {}, id), xml('pidfile', {}, `${input.dir}/${id}.pid`), routerLink(input), logTo(input, id), ...children));
}

function routerXml(input: Jabberd2ConfigInput): string {
  // No <secret> in <local>: XEP-0114 components stay disabled.
  return render(
    xml(
      'router',
      {},
      xml('id', {}, 'router'),
      xml('pidfile', {}, `${input.dir}/router.pid`),
      logTo(input, 'router'),
      xml('local', {}, ...texts([['ip', LOOPBACK], ['port', input.ports.router], ['users', `${input.dir}/router-users.xml`]])),
      xml('check', {}, ...texts([['interval', 60], ['keepalive', 0]])),
      xml('io', {}, ...texts([['max_fds', 1024]]), xml('limits', {}, ...texts([['bytes', 0], ['connects', 0]]))),
      xml('aci', {}, xml('acl', { type: 'all' }, xml('user', {}, ROUTER_USER))),
    ),
  );
}

function routerUsersXml(input: Jabberd2ConfigInput): string {
  return render(xml('users', {}, xml('user', {}, ...texts([['name', ROUTER_USER], ['secret', input.routerSecret]]))));
}

function sqlite(input: Jabberd2ConfigInput, extra: Element[] = []): Element {
  return xml('sqlite', {}, ...texts([['dbname', input.dbFile], ['busy-timeout', 5000]]), ...extra);
}

/** Debian's default sm chains; no-offline drops mod_offline from each. */
function smChains(variant: VariantName): Record<string, string[]> {
  const chains: Record<string, string[]> = {
    'sess-start': ['status'],
    'sess-end': ['status', 'iq-last'],
    'in-sess': ['validate', 'status', 'privacy', 'roster', 'vacation', 'iq-vcard', 'iq-ping', 'iq-private', 'disco', 'amp', 'offline', 'announce', 'presence', 'deliver'],
    'out-sess': [],
    'in-router': ['session', 'validate', 'presence', 'privacy'],
    'out-router': ['privacy'],
    'pkt-sm': ['iq-last', 'iq-ping', 'iq-time', 'iq-version', 'amp', 'disco', 'announce', 'help', 'echo', 'status', 'presence'],
    'pkt-user': ['roster', 'presence', 'disco', 'iq-vcard', 'amp', 'deliver', 'vacation', 'offline', 'iq-last'],
    'pkt-router': ['session', 'disco'],
    'user-load': ['active', 'roster', 'roster-publish', 'privacy', 'vacation'],
    'user-unload': [],
    'user-create': ['active', 'template-roster'],
    'user-delete': ['active', 'announce', 'offline', 'privacy', 'roster', 'vacation', 'status', 'iq-last', 'iq-private', 'iq-vcard'],
    'disco-extend': ['iq-version', 'help'],
  };
  if (variant === 'no-offline') for (const id of Object.keys(chains)) chains[id] = chains[id]!.filter((m) => m !== 'offline');
  return chains;
}

function smXml(input: Jabberd2ConfigInput): string {
  const chains = Object.entries(smChains(input.variant)).map(([id, modules]) => xml('chain', { id }, ...modules.map((m) => xml('module', {}, m))));
  return component(
    input,
    'sm',
    xml('local', {}, ...input.domains.map((domain) => xml('id', {}, domain))),
    xml('storage', {}, ...texts([['path', input.moduleDir], ['driver', 'sqlite']]), sqlite(input)),
    xml('modules', {}, xml('path', {}, input.moduleDir), ...chains),
    xml('discovery', {}, xml('identity', {}, ...texts([['category', 'server'], ['type', 'im'], ['name', 'jabberd2 lab']]))),
  );
}

/** One <id> per vhost: STARTTLS certificate, required TLS and in-band registration are set here. */
function c2sHost(input: Jabberd2ConfigInput, domain: string): Element {
  const attrs: Record<string, string> = { pemfile: input.pemFile };
  if (input.variant !== 'plain-before-tls') attrs['require-starttls'] = 'true';
  if (input.variant !== 'no-ibr') attrs['register-enable'] = 'true';
  else attrs['password-change'] = 'true';
  if (input.variant === 'tls-legacy') attrs.ciphers = LEGACY_CIPHERS;
  return xml('id', attrs, domain);
}

/**
 * SASL only (no XEP-0078 iq:auth); SCRAM-SHA-1 and PLAIN once encrypted. -PLUS stays off: jabberd2
 * offers it but its channel binding fails. Before TLS nothing is offered unless the variant asks.
 */
function mechanisms(variant: VariantName): Element[] {
  const beforeTls = variant === 'plain-before-tls' ? [xml('plain')] : [];
  return [
    xml('mechanisms', {}, xml('sasl', {}, ...beforeTls)),
    xml('ssl-mechanisms', {}, xml('sasl', {}, ...empties(['scram-sha-1', 'plain']))),
  ];
}

function c2sXml(input: Jabberd2ConfigInput): string {
  const legacy = input.variant === 'tls-legacy' ? texts([['ciphers', LEGACY_CIPHERS]]) : [];
  return component(
    input,
    'c2s',
    xml(
      'local',
      {},
      ...input.domains.map((domain) => c2sHost(input, domain)),
      ...texts([['ip', LOOPBACK], ['port', input.ports.c2s], ['ssl-port', input.ports.c2sDirectTls], ['pemfile', input.pemFile]]),
      ...legacy,
    ),
    xml(
      'io',
      {},
      ...texts([['max_fds', 4096]]),
      // No per-client rate or connect limits: load scenarios and IBR bursts come from one address.
      xml('limits', {}, ...texts([['bytes', 0], ['stanzas', 0], ['connects', 0], ['stanzasize', 65535]])),
      xml('check', {}, ...texts([['interval', 0], ['idle', 0], ['keepalive', 0]])),
    ),
    xml(
      'authreg',
      {},
      ...texts([['path', input.moduleDir], ['module', 'sqlite']]),
      ...mechanisms(input.variant),
      sqlite(input, [xml('password_type', {}, xml('plaintext'))]),
    ),
  );
}

function s2sXml(input: Jabberd2ConfigInput): string {
  const legacy = input.variant === 'tls-legacy' ? texts([['ciphers', LEGACY_CIPHERS]]) : [];
  const requireTls = input.variant === 's2s-cleartext' ? [] : [xml('require_tls')];
  return component(
    input,
    's2s',
    xml(
      'local',
      {},
      ...texts([['ip', LOOPBACK], ['port', input.ports.s2s], ['secret', input.dialbackSecret], ['pemfile', input.pemFile], ['cachain', input.caFile]]),
      ...legacy,
    ),
    xml('io', {}, ...texts([['max_fds', 1024]]), xml('limits', {}, ...texts([['stanzasize', 65535]]))),
    // Short timeouts and no bad-host memory: lab peers come and go between tests. Stanzas queued
    // for a peer that never becomes valid bounce after 10-12 s (the s2s checks wait 25 s).
    xml('check', {}, ...texts([['interval', 2], ['queue', 10], ['retry', 30], ['idle', 86400], ['keepalive', 0], ['dnscache', 5]])),
    xml('lookup', {}, ...texts([['srv', 'xmpp-server'], ['min-ttl', 0], ['max-ttl', 5], ['bad-host-timeout', 0]])),
    xml('security', {}, ...requireTls),
  );
}

export function renderJabberd2Config(input: Jabberd2ConfigInput): Jabberd2ConfigFiles {
  return {
    'router.xml': routerXml(input),
    'router-users.xml': routerUsersXml(input),
    'sm.xml': smXml(input),
    'c2s.xml': c2sXml(input),
    's2s.xml': s2sXml(input),
  };
}
