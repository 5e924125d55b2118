/**
 * `gauntlet check` options for federation against a server the tool did not start (issue 11):
 * the target's s2s port, the simulated peers' domains, listener, certificates, and how the
 * target finds them. Parsed here so check.ts only adds the options and reads the result.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ExternalPeerSettings } from '../engine/external-peers.js';
import { parseDiscovery, type PeerDiscovery } from '../s2s/index.js';
import { GauntletError } from '../util/errors.js';

export interface S2sFlags {
  s2sPort?: number;
  peerDns?: PeerDiscovery;
  peerDomain?: string[];
  peerListen?: { host: string; port: number };
  peerPublicHost?: string;
  peerCert?: Array<{ domain: string; certFile: string; keyFile: string }>;
  peerAuth: 'dialback' | 'external';
  peerCa?: string;
}

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new InvalidArgumentError(`wants a port number, got "${text}"`);
  return value;
}

/** `host:port`; IPv6 as `[::1]:5300`. */
export function parseAddress(text: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (!match) throw new InvalidArgumentError(`wants ADDRESS:PORT, got "${text}"`);
  return { host: match[1]!, port: port(match[2]!) };
}

function discovery(text: string): PeerDiscovery {
  try {
    return parseDiscovery(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** `domain=cert.pem,key.pem`, repeatable. */
function peerCert(text: string, previous: S2sFlags['peerCert'] = []): NonNullable<S2sFlags['peerCert']> {
  const match = /^([^=]+)=([^,]+),(.+)$/.exec(text);
  if (!match) throw new InvalidArgumentError(`wants DOMAIN=CERT.pem,KEY.pem, got "${text}"`);
  return [...previous, { domain: match[1]!.toLowerCase(), certFile: resolve(match[2]!), keyFile: resolve(match[3]!) }];
}

function domains(text: string, previous: string[] = []): string[] {
  return [...previous, ...text.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean)];
}

export function addS2sOptions(command: Command): Command {
  return addPeerOptions(command.option('--s2s-port <port>', "the target's server-to-server port (with --host; default 5269)", port));
}

/** The simulated peers' options alone (`rank` plays its observer domain with them). */
export function addPeerOptions(command: Command): Command {
  return command
    .option('--peer-dns <how>', 'run the s2s checks with simulated peers; how the target finds them: embedded:ADDR:PORT (the tool answers DNS there), hosts (A records / aliases, port 5269) or dns (your SRV records)', discovery)
    .option('--peer-domain <domains>', 'peer domains the tool plays (comma-separated, repeatable; needed with hosts/dns)', domains)
    .option('--peer-listen <addr:port>', "where the peers' s2s listener binds (default 127.0.0.1:0; 0.0.0.0:5269 with hosts)", parseAddress)
    .option('--peer-public-host <address>', 'the address the target reaches the listener at (DNS answers; default the listen address)')
    .option('--peer-cert <domain=cert,key>', "a peer domain's certificate and key (PEM), instead of one from the tool's CA; repeatable", peerCert)
    .option('--peer-ca <dir>', "the tool's CA for peer certificates (ca.pem, ca.key; created on first use), which the target must trust (default ~/.local/state/xmpp-gauntlet/peer-ca)")
    .addOption(new Option('--peer-auth <method>', 'how the pre-flight peer authenticates to the target').choices(['dialback', 'external']).default('dialback'));
}

/** The peers' settings, or undefined when no s2s peer option was given. */
export function externalPeerSettings(flags: S2sFlags, lab: boolean): ExternalPeerSettings | undefined {
  const given = flags.peerDns ?? flags.peerDomain ?? flags.peerListen ?? flags.peerPublicHost ?? flags.peerCert ?? flags.peerCa;
  if (!given) return undefined;
  if (lab) throw new GauntletError('usage', '--lab makes its own peers: drop the --peer-* options');
  if (!flags.peerDns) throw new GauntletError('usage', 'the --peer-* options need --peer-dns: how the target finds the peers', { hint: 'e.g. --peer-dns embedded:127.0.0.1:5300' });
  const defaultListen = flags.peerDns.kind === 'hosts' ? { host: '0.0.0.0', port: 5269 } : { host: '127.0.0.1', port: 0 };
  return {
    discovery: flags.peerDns,
    listen: flags.peerListen ?? defaultListen,
    publicHost: flags.peerPublicHost,
    domains: flags.peerDomain,
    certificates: flags.peerCert,
    auth: flags.peerAuth,
    caDir: flags.peerCa && resolve(flags.peerCa),
  };
}
