/**
 * The conformance part of a run: the check target and the account source for the resolved
 * target, then the selected checks. Shared by `gauntlet run` (a scenario's `checks:`) and
 * `gauntlet check` (flags).
 */
import {
  CATALOGUE,
  labAccounts,
  labTarget,
  registeredAccounts,
  requirementChecks,
  runChecks,
  selectChecks,
  suppliedAccounts,
  type AccountProvider,
  type CheckAccount,
  type CheckHttpTarget,
  type CheckProfile,
  type CheckResult,
  type CheckTarget,
  type PeerSupport,
} from '../checks/index.js';
import { DEFAULT_S2S_PORT } from '../s2s/index.js';
import { DEFAULT_PORTS } from '../scenario/index.js';
import type { VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { externalPeerSupport, type ExternalPeerSettings } from './external-peers.js';
import type { ResolvedTarget } from './target.js';

/** A scenario's `checks.accounts`, or accounts the user gave on the command line. */
export type CheckAccountSource = 'auto' | 'lab' | 'register' | 'scenario' | { supplied: CheckAccount[] };

export interface ConformanceOptions {
  select: readonly string[];
  skip: readonly string[];
  profile: CheckProfile;
  concurrency: number;
  timeoutMs: number;
  accounts: CheckAccountSource;
  /** Deployment requirements to probe (names from REQUIREMENT_NAMES). */
  require?: readonly string[];
  /** The direct-TLS (XEP-0368) port of a non-lab target, when the user named it. */
  directTlsPort?: number;
  /** HTTP endpoints of a non-lab target the user named (they add to a scenario's transport URL). */
  http?: CheckHttpTarget;
  signal?: AbortSignal;
  onResult?: (result: CheckResult) => void;
  /** A target the tool did not start: its s2s port and simulated peers (docs/federation.md). */
  s2s?: { port?: number; peers?: ExternalPeerSettings };
  /** Lines for the operator: what the target must trust and resolve, the federation pre-flight. */
  say?: (line: string) => void;
}

/** A lab target knows every port; a real one the port it was reached on and the s2s port given. */
export async function checkTargetFor(resolved: ResolvedTarget, s2s?: ConformanceOptions['s2s']): Promise<CheckTarget> {
  if (resolved.lab) return labTarget(resolved.lab);
  const { domain, host, port, tls, caPem, transport, url } = resolved.connection;
  const s2sPort = s2s?.port ?? (s2s?.peers ? DEFAULT_S2S_PORT : undefined);
  // Sessions over WebSocket or BOSH: that URL is the HTTP side; raw-stream checks use the default STARTTLS port.
  if ((transport === 'websocket' || transport === 'bosh') && url) return { domain, host, port: DEFAULT_PORTS.starttls, caPem, s2sPort, http: { [transport]: url } };
  // Checks open STARTTLS streams on `port`; a direct-TLS target is assumed to offer STARTTLS on the default port too.
  return tls === 'direct' ? { domain, host, port: DEFAULT_PORTS.starttls, directTlsPort: port, caPem, s2sPort } : { domain, host, port, caPem, s2sPort };
}

export function toCheckAccount(user: Pick<VirtualUser, 'username' | 'password' | 'domain'>): CheckAccount {
  return { username: user.username, password: user.password, domain: user.domain, jid: `${user.username}@${user.domain}` };
}

/** Where the checks' accounts come from; `users` are the scenario's own accounts, if it has any. */
export function checkAccountsFor(
  source: CheckAccountSource,
  resolved: ResolvedTarget,
  target: CheckTarget,
  users: readonly VirtualUser[] | undefined,
): AccountProvider {
  if (typeof source === 'object') return suppliedAccounts(source.supplied, target);
  const chosen = source === 'auto' ? (resolved.lab ? 'lab' : users && users.length > 0 ? 'scenario' : 'register') : source;
  if (chosen === 'lab') {
    if (!resolved.lab) throw new GauntletError('config', "checks.accounts: lab needs a lab target", { hint: "use 'register' or 'scenario'" });
    return labAccounts(resolved.lab);
  }
  if (chosen === 'scenario') return suppliedAccounts((users ?? []).map(toCheckAccount), target);
  return registeredAccounts(target);
}

/** Lab targets: the lab CA and DNS (targets the tool did not start get theirs from externalPeerSupport). */
export async function peerSupportFor(resolved: ResolvedTarget): Promise<PeerSupport | undefined> {
  if (!resolved.lab) return undefined;
  const { labCa, labDns } = await import('../lab/index.js');
  return { issuer: await labCa(), dns: await labDns() };
}

export interface ConformanceResults {
  checks: CheckResult[];
  requirements: CheckResult[];
}

/** Selects (refusing unknown selectors and requirement names) and runs the checks and the requirement probes together. */
export async function runConformance(resolved: ResolvedTarget, options: ConformanceOptions, users?: readonly VirtualUser[]): Promise<ConformanceResults> {
  const checks = selectChecks(CATALOGUE, { select: options.select, skip: options.skip });
  const required = requirementChecks(options.require ?? []);
  const target = await checkTargetFor(resolved, options.s2s);
  if (options.directTlsPort !== undefined) target.directTlsPort = options.directTlsPort;
  if (options.http && !resolved.lab) target.http = { ...target.http, ...options.http };
  const accounts = checkAccountsFor(options.accounts, resolved, target, users);
  const external = !resolved.lab && options.s2s?.peers && target.s2sPort !== undefined
    ? await externalPeerSupport(options.s2s.peers, { ...target, s2sPort: target.s2sPort }, options.say ?? (() => undefined), options.timeoutMs)
    : undefined;
  try {
    const results = await runChecks([...checks, ...required], {
      target,
      accounts,
      mayRegister: resolved.lab !== undefined || accounts.kind === 'register',
      profile: options.profile,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onResult: options.onResult,
      peers: external?.support ?? (await peerSupportFor(resolved)),
    });
    return { checks: results.slice(0, checks.length), requirements: results.slice(checks.length) };
  } finally {
    await external?.close();
  }
}
