/**
 * Runs checks isolated from one another: each gets its own context (fresh accounts, its own
 * connections, its own wire log) and a time limit; whatever it opened is closed afterwards;
 * a check that throws is an `error` and the others go on. Several checks run at once, except
 * those tagged `serial`, which run alone after the others.
 */
import { performance } from 'node:perf_hooks';
import { streamLimits } from '../xmpp/index.js';
import { boundedText } from '../util/bounded-text.js';
import { withDeadline } from '../util/deadline.js';
import type { AccountProvider } from './accounts.js';
import { RunningCheckContext, type PeerSupport } from './context.js';
import { whyNoRegistration } from './preconditions.js';
import type { CheckDefinition, CheckOutcome, CheckProfile, CheckResult, CheckTarget } from './types.js';
import { verdictOf } from './verdict.js';
import { judgeThrown } from './blame.js';

export interface RunChecksOptions {
  target: CheckTarget;
  accounts: AccountProvider;
  profile?: CheckProfile;
  /** Checks running at once (default 4). */
  concurrency?: number;
  /** Limit for one check unless it declares its own (default 20 s). */
  timeoutMs?: number;
  /**
   * Whether checks may create accounts by in-band registration (default: unless the accounts are
   * supplied). Never on a server the user did not open to it (`--register`, or a lab).
   */
  mayRegister?: boolean;
  /** How to make simulated s2s peers (issue 6); checks needing them are skipped without. */
  peers?: PeerSupport;
  signal?: AbortSignal;
  /** Called as each check finishes (progress output). */
  onResult?: (result: CheckResult) => void;
}

/** Why `check` cannot run here, or undefined. Registration is probed once, lazily. */
async function unmetNeed(check: CheckDefinition, options: RunChecksOptions, registration: () => Promise<string | undefined>): Promise<string | undefined> {
  const needs = check.needs ?? {};
  const wanted = needs.accounts ?? 0;
  if (wanted > options.accounts.capacity) {
    return `needs ${wanted} account(s); only ${options.accounts.capacity} supplied (use --register or a lab target)`;
  }
  if (needs.directTls && options.target.directTlsPort === undefined) return 'no direct-TLS (XEP-0368) port is known for this target';
  if (needs.peers && !options.peers) return 'needs simulated s2s peers, which this run does not provide (lab targets, or --peer-dns for others)';
  if (needs.peers && options.peers?.unavailable) return options.peers.unavailable;
  if (needs.registration && !(options.mayRegister ?? options.accounts.kind !== 'supplied')) {
    return 'creates throwaway accounts by in-band registration; pass --register to allow that on this server';
  }
  if (needs.registration || (wanted > 0 && options.accounts.kind === 'register')) {
    const missing = await registration();
    if (missing) return needs.registration ? missing : `no accounts: ${missing}`;
  }
  return undefined;
}

async function runOne(check: CheckDefinition, options: RunChecksOptions, registration: () => Promise<string | undefined>): Promise<CheckResult> {
  const started = performance.now();
  const timeoutMs = check.timeoutMs ?? options.timeoutMs ?? 20_000;
  const controller = new AbortController();
  const stopOnAbort = () => controller.abort();
  options.signal?.addEventListener('abort', stopOnAbort);
  const context = new RunningCheckContext({
    target: options.target,
    profile: options.profile ?? 'rfc6120',
    accounts: options.accounts,
    signal: controller.signal,
    timeoutMs: Math.min(10_000, timeoutMs),
    peers: options.peers,
  });
  let verdict: CheckResult['verdict'];
  let reason: string;
  let timer: NodeJS.Timeout | undefined;
  try {
    const unmet = await unmetNeed(check, options, registration);
    if (unmet) throw Object.assign(new Error(unmet), { skip: true });
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`timed out after ${timeoutMs} ms`));
        controller.abort();
      }, timeoutMs);
      // An interrupt or the run's deadline ends a running check at once.
      controller.signal.addEventListener('abort', () => reject(new Error('stopped: the run was interrupted or its deadline passed')), { once: true });
    });
    const outcome: CheckOutcome = await Promise.race([check.run(context), expired]);
    verdict = verdictOf(check, outcome);
    reason = outcome.reason;
  } catch (error) {
    ({ verdict, reason } = judgeThrown(check.level, error));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stopOnAbort);
    controller.abort();
    await withDeadline(context.dispose(), 10_000, 'closing the connections of a check').catch(() => undefined);
  }
  return {
    id: check.id,
    title: check.title,
    area: check.area,
    level: check.level,
    ...(check.rule ? { rule: check.rule } : {}),
    ...(check.secondaryRule ? { secondaryRule: check.secondaryRule } : {}),
    spec: [...check.spec],
    ...(check.legacy ? { legacy: [...check.legacy] } : {}),
    tags: [...(check.tags ?? [])],
    verdict,
    reason: boundedText(reason, streamLimits().maxReportTextBytes),
    durationMs: Math.round(performance.now() - started),
    wire: context.wire,
  };
}

/** Runs `checks` and returns their results in the given order. */
export async function runChecks(checks: readonly CheckDefinition[], options: RunChecksOptions): Promise<CheckResult[]> {
  const results = new Map<string, CheckResult>();
  let registrationProbe: Promise<string | undefined> | undefined;
  const registration = () => (registrationProbe ??= whyNoRegistration(options.target));
  const finish = (result: CheckResult) => {
    results.set(result.id, result);
    options.onResult?.(result);
  };
  const stopped = (check: CheckDefinition): CheckResult | undefined =>
    options.signal?.aborted
      ? { id: check.id, title: check.title, area: check.area, level: check.level, spec: [...check.spec], tags: [...(check.tags ?? [])], verdict: 'skip', reason: 'the run was interrupted', durationMs: 0, wire: [] }
      : undefined;

  const parallel = checks.filter((check) => !check.tags?.includes('serial'));
  const serial = checks.filter((check) => check.tags?.includes('serial'));
  // Checks sharing a supplied account would see each other's pushes and take each other's resources:
  // they run one after another in a lane of their own, beside the workers for the rest.
  const sharesAccount = (check: CheckDefinition) => options.accounts.kind === 'supplied' && (check.needs?.accounts ?? 0) > 0;
  const sharing = parallel.filter(sharesAccount);
  const rest = parallel.filter((check) => !sharesAccount(check));
  const work = async (queue: CheckDefinition[]) => {
    for (let check = queue.shift(); check; check = queue.shift()) finish(stopped(check) ?? (await runOne(check, options, registration)));
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const workers = sharing.length > 0 ? Math.max(1, concurrency - 1) : concurrency;
  await Promise.all([work(sharing), ...Array.from({ length: workers }, () => work(rest))]);
  for (const check of serial) finish(stopped(check) ?? (await runOne(check, options, registration)));
  await withDeadline(options.accounts.cleanup(), 60_000, 'removing the throwaway accounts').catch(() => undefined);
  return checks.map((check) => results.get(check.id)!);
}
