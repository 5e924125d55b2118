/**
 * With an account the list gives (and only then): one login, timed, and the c2s checks that
 * leave an account as they found it. Excluded: registration (creates and deletes accounts),
 * rosters, presence subscriptions and offline storage (change what the account keeps), s2s,
 * and the failed-login checks (wrong passwords can lock a real account). Checks run one at a
 * time on the supplied account; nothing new is ever registered.
 */
import { CATALOGUE, runChecks, selectChecks, suppliedAccounts, type CheckAccount, type CheckTarget } from '../../checks/index.js';
import { openSession, parseJid } from '../../xmpp/index.js';
import { boundedText } from '../../util/bounded-text.js';
import type { AccountFacts, Evidence } from '../facts.js';

/** Areas and checks of the non-destructive subset (docs/rank-probes.md). */
export const ACCOUNT_CHECK_SELECTION = { select: ['sasl', 'bind', 'iq'], skip: ['failure'] } as const;

export interface AccountProbeResult {
  account?: AccountFacts;
  evidence: Evidence[];
  unknown: Record<string, string>;
}

export async function probeAccount(target: CheckTarget, jid: string, password: string, timeoutMs: number, signal?: AbortSignal): Promise<AccountProbeResult> {
  const evidence: Evidence[] = [];
  const parsed = parseJid(jid);
  if (!parsed.local || parsed.domain.toLowerCase() !== target.domain.toLowerCase()) {
    return { evidence, unknown: { account: `${boundedText(jid, 100)} is not an account of ${target.domain}` } };
  }
  const started = performance.now();
  try {
    const session = await openSession({ domain: target.domain, host: target.host, port: target.port, tls: 'starttls', ca: target.caPem, username: parsed.local, password, timeoutMs });
    const loginMs = Math.round(performance.now() - started);
    evidence.push({ probe: `login of ${jid} on ${target.host}:${target.port} (STARTTLS, SASL, bind)`, seen: `logged in as ${session.jid} in ${loginMs} ms (${session.info.mechanism ?? 'SASL'})`, facts: ['account.loginMs'] });
    await session.close();
    const account: CheckAccount = { username: parsed.local, password, domain: parsed.domain, jid: `${parsed.local}@${parsed.domain}` };
    const accounts = suppliedAccounts([account], target, timeoutMs);
    const results = await runChecks(selectChecks(CATALOGUE, ACCOUNT_CHECK_SELECTION), { target, accounts, mayRegister: false, concurrency: 1, timeoutMs: timeoutMs * 2, signal }).finally(() => accounts.cleanup?.());
    const checks: AccountFacts['checks'] = {};
    for (const result of results) {
      checks[result.id] = result.verdict;
      evidence.push({ probe: `check ${result.id} as ${jid}`, seen: `${result.verdict}: ${boundedText(result.reason, 300)}`, facts: [`account.checks.${result.id}`] });
    }
    return { account: { jid: account.jid, loginMs, checks }, evidence, unknown: {} };
  } catch (error) {
    const why = boundedText(`login of ${jid} failed: ${(error as Error).message}`, 300);
    evidence.push({ probe: `login of ${jid} on ${target.host}:${target.port}`, seen: why, facts: ['account'] });
    return { evidence, unknown: { account: why } };
  }
}
