// Issue 13: every FAKE HOSTILE SERVER case (test/helpers/hostile/) through the real CLI, `check`
// and a one-user `run`: the tool ends in bounded time with the documented exit code, stays under
// 300 MB, writes result.json and report.html, prints no raw control characters, and names the
// server's misbehaviour. Cases run three at a time; each is a child process measured from /proc.
import t, { type Test } from 'tap';
import { HOSTILE_CASES } from '../helpers/hostile/fake-hostile-server.mjs';
import { runHostileCase } from '../helpers/hostile/run-case.mjs';

interface HostileCase {
  what: string;
  reason: RegExp;
  exit?: number | number[];
  /** Sends ANSI escapes: where its text reaches the console it must show escaped. */
  ansi?: boolean;
}
interface CaseRun {
  code: number | null;
  ms: number;
  peakRssMb: number;
  resultBytes?: number;
  htmlBytes?: number;
  out: string;
  err: string;
  result?: {
    checks?: Array<{ verdict: string; reason: string }>;
    thresholds?: Array<{ metric: string; ok: boolean; note?: string }>;
    errors?: { sample: Array<{ message: string }> };
  };
}

const CASES = HOSTILE_CASES as Record<string, HostileCase>;
/** Raw C0 (but tab/newline), DEL and C1 controls: none may reach the console. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const MAX_RSS_MB = 300;
const MAX_CHECK_MS = 75_000;
const MAX_RUN_MS = 30_000;

async function pool<T>(items: readonly T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: jobs }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

function assertBounded(t: Test, name: string, run: CaseRun, maxMs: number): void {
  t.ok(run.ms < maxMs, `${name}: ended in ${run.ms} ms (< ${maxMs})`);
  t.ok(run.peakRssMb > 0 && run.peakRssMb < MAX_RSS_MB, `${name}: peak RSS ${run.peakRssMb} MB (< ${MAX_RSS_MB})`);
  t.ok(run.resultBytes !== undefined && run.resultBytes < 2_000_000, `${name}: result.json written (${run.resultBytes} bytes)`);
  t.ok(run.htmlBytes !== undefined && run.htmlBytes < 3_000_000, `${name}: report.html written (${run.htmlBytes} bytes)`);
  t.notMatch(run.out + run.err, RAW_CONTROL, `${name}: no raw control characters on the console`);
  t.notMatch(run.err, /internal error|at .*\.js:\d+/, `${name}: no crash, no stack trace`);
}

const names = Object.keys(CASES);

t.test('gauntlet check against every fake hostile server', async (t) => {
  const runs = new Map<string, CaseRun>();
  await pool(names, 3, async (name) => void runs.set(name, (await runHostileCase(name, 'check')) as CaseRun));
  for (const name of names) {
    const run = runs.get(name)!;
    const expected = CASES[name]!;
    const allowed = [expected.exit ?? 1].flat();
    t.ok(allowed.includes(run.code ?? -1), `${name} (${expected.what}): exit code ${run.code}, expected ${allowed.join(' or ')}\n${run.err.slice(-400)}`);
    assertBounded(t, name, run, MAX_CHECK_MS);
    const reasons = (run.result?.checks ?? []).map((check) => check.reason);
    t.ok(reasons.some((reason) => expected.reason.test(reason)), `${name}: a check names the misbehaviour (${expected.reason})`);
    if (expected.ansi && reasons.some((reason) => reason.includes('PWNED'))) t.match(run.out, /\\x1b\[2J\\x1b\[31mPWNED/, `${name}: shown escaped`);
  }
});

/**
 * The misbehaviours a one-user run (login, roster, disconnect) meets, the exit code and the reason
 * it reports. Most stop the pre-flight login (run health `health.run`, docs/exit-codes.md); the
 * roster one fails the iteration (run health `health.errors`, the error sample names it).
 */
const RUN_CASES: Record<string, { exit: number; reason: RegExp }> = {
  'header-attributes-forever': { exit: 3, reason: /without completing its stream header/ },
  'huge-stanza': { exit: 3, reason: /stanza of more than .* limit 256 KB/ },
  'deep-nesting': { exit: 3, reason: /deeper than 64 levels/ },
  'many-features': { exit: 3, reason: /more than 64 stream features/ },
  'undefined-entity': { exit: 3, reason: /not well-formed: Illegal XML entity/ },
  'see-other-host-empty': { exit: 3, reason: /see-other-host: the server redirected us to no host/ },
  'scram-iterations': { exit: 3, reason: /2000000000 SCRAM iterations; limit/ },
  'ansi-sasl-failure': { exit: 6, reason: /not-authorized/ },
  'bind-other-jid': { exit: 3, reason: /bound "mallory@hostile\.test\/fake", not a JID of the account alice@hostile\.test/ },
  'bind-invalid-jid': { exit: 3, reason: /bound the invalid JID "@@@"/ },
  'huge-roster': { exit: 4, reason: /more than 10000 children/ },
  'whitespace-flood': { exit: 3, reason: /whitespace between stanzas/ },
  doctype: { exit: 3, reason: /DTD/ },
  silent: { exit: 3, reason: /in time|timed out|timeout/ },
};

t.test('a one-user gauntlet run against the fake hostile servers', async (t) => {
  const runs = new Map<string, CaseRun>();
  await pool(Object.keys(RUN_CASES), 3, async (name) => void runs.set(name, (await runHostileCase(name, 'run')) as CaseRun));
  for (const [name, { exit, reason }] of Object.entries(RUN_CASES)) {
    const run = runs.get(name)!;
    t.equal(run.code, exit, `${name}: exit ${exit}\n${run.err.slice(-400)}`);
    assertBounded(t, name, run, MAX_RUN_MS);
    const failed = (run.result?.thresholds ?? []).filter((verdict) => !verdict.ok);
    t.ok(failed.length > 0, `${name}: a run-health verdict fails`);
    const reasons = [...failed.map((verdict) => verdict.note ?? ''), ...(run.result?.errors?.sample ?? []).map((error) => error.message)];
    t.ok(reasons.some((text) => reason.test(text)), `${name}: the results name the misbehaviour (${reason})`);
    if (exit !== 4) t.match(run.err, reason, `${name}: so does the console`);
    if (CASES[name]!.ansi) t.match(run.out + run.err, /\\x1b\[2J\\x1b\[31mPWNED/, `${name}: the server's text shown escaped`);
  }
});

t.test("a scenario's options.limits bound a run; --limit on the command line wins", async (t) => {
  const [fromScenario, fromCommandLine] = (await Promise.all([
    runHostileCase('many-features', 'run', { scenarioLimits: '{ max_features: 8 }' }),
    runHostileCase('many-features', 'run', { scenarioLimits: '{ max_features: 8 }', runArgs: ['--limit', 'maxFeatures=16'] }),
  ])) as CaseRun[];
  t.match(fromScenario!.err, /the server offered more than 8 stream features/);
  t.match(fromCommandLine!.err, /the server offered more than 16 stream features/);
});
