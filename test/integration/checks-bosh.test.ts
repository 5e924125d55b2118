import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOGUE, runChecks, suppliedAccounts } from '../../src/checks/index.js';
import type { CheckResult, CheckTarget, Verdict } from '../../src/checks/types.js';
import type { RunResult } from '../../src/engine/result.js';
import { labCa, startLab } from '../../src/lab/index.js';
import { deviationsIn } from '../helpers/baseline-deviations.js';
import { BASELINE_VERDICTS } from '../helpers/baseline-verdicts.js';
import { describeResults, wireText } from '../helpers/checks.js';
import { gauntlet } from '../helpers/cli.js';
import { FAKE_BOSH_FAULTS, FAKE_BOSH_PASSWORD, FAKE_BOSH_USER, startFakeBoshServer, type FakeBoshFault } from '../helpers/hostile/fake-bosh-server.js';

/**
 * The bosh area (XEP-0124, XEP-0206). Passing: lab Prosody and lab ejabberd, addressed by the CLI
 * as an outside user would (domain, host, CA, --bosh-url, an existing account). Failing: the fake
 * BOSH server of test/helpers/hostile/, one broken rule per case, every other check still passing.
 */
t.setTimeout(150_000);

const BOSH = CATALOGUE.filter((check) => check.area === 'bosh');

for (const kind of ['prosody', 'ejabberd'] as const) {
  t.test(`bosh checks on lab ${kind}, through the CLI with --bosh-url`, async (t) => {
    const lab = await startLab(kind);
    t.teardown(() => lab.stop());
    const [account] = await lab.createAccounts([{ username: 'bosh-user', password: 'bosh-pw-not-secret' }]);
    process.env.GAUNTLET_BOSH_TEST_PW = account!.password;
    t.teardown(() => void delete process.env.GAUNTLET_BOSH_TEST_PW);
    const out = t.testdir();
    const run = await gauntlet([
      'check', lab.domains[0]!, '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile,
      '--bosh-url', lab.http!.bosh, '--user', account!.jid, '--password-env', 'GAUNTLET_BOSH_TEST_PW',
      '--checks', 'bosh', '--quiet', '--out', out,
    ]);
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as RunResult;
    const results = result.checks ?? [];
    t.comment(describeResults(results));
    t.equal(results.length, BOSH.length, 'every bosh check ran');
    for (const check of results) {
      // The pinned verdict (Prosody 0.12 deviates: hold='1' for a polling session; a far rid leaves the session alive; no
      // xmpp:restartlogic. ejabberd 23.01: a stale rid is never answered).
      t.equal(check.verdict, BASELINE_VERDICTS[kind][check.id], `${check.id}: ${check.reason}`, { wire: check.verdict === 'pass' ? undefined : wireText(check) });
      const known = deviationsIn(kind, 'bosh')[check.id];
      if (known) t.match(check.reason, known.evidence, `${check.id}: known deviation still observed (${known.why})`);
    }
    t.equal(run.code, results.some((check) => check.verdict === 'fail') ? 1 : 0, 'exit code follows the verdicts');
    // SASL payloads never reach the report.
    const sent = results.flatMap((check) => check.wire.map((entry) => entry.text)).join('\n');
    t.notMatch(sent, account!.password);
    t.match(sent, /<auth [^>]*>\[redacted \d+ chars\]<\/auth>/);
  });
}

/** Each fault: the check that must catch it and its verdict; every other check passes (or skips, where said). */
const EXPECTED: Record<Exclude<FakeBoshFault, 'none'>, { id: string; verdict: Verdict; reason: RegExp; skips?: string[] }> = {
  'no-requests': { id: 'xep0124.bosh.session-create', verdict: 'fail', reason: /no 'requests'/ },
  'wait-too-long': { id: 'xep0124.bosh.session-create', verdict: 'fail', reason: /wait='600' exceeds/ },
  'hold-above-asked': { id: 'xep0124.bosh.session-create', verdict: 'fail', reason: /second \(polling\) creation response: hold='1' exceeds the 0/ },
  'no-polling': { id: 'xep0124.bosh.session-create-details', verdict: 'warn', reason: /no 'polling', 'inactivity'/, skips: ['xep0124.bosh.polling-interval'] },
  'content-type-html': { id: 'xep0124.bosh.content-type', verdict: 'fail', reason: /Content-Type 'text\/html'/ },
  'rid-ignored': { id: 'xep0124.bosh.rid-window', verdict: 'fail', reason: /got HTTP 200 <body> \(empty\), not an error/ },
  'rid-http-404': { id: 'xep0124.bosh.rid-window', verdict: 'warn', reason: /HTTP 404, a legacy error code/ },
  'stale-rid-bad-request': { id: 'xep0124.bosh.rid-stale', verdict: 'fail', reason: /condition='bad-request'> \(empty\), not item-not-found/ },
  'polling-unenforced': { id: 'xep0124.bosh.polling-interval', verdict: 'warn', reason: /the second got HTTP 200 <body> \(empty\), not policy-violation/ },
  'terminate-ignored': { id: 'xep0124.bosh.terminate', verdict: 'warn', reason: /the sid still works/ },
  'no-version': { id: 'xep0206.bosh.version-features', verdict: 'warn', reason: /no xmpp:version/ },
  'stream-prefix-on-features': { id: 'xep0206.bosh.stream-namespace', verdict: 'fail', reason: /xmlns:stream='\(none\)'/ },
  'no-restart': { id: 'xep0206.bosh.restart', verdict: 'fail', reason: /no <stream:features\/>/, skips: ['xep0206.bosh.restartlogic'] },
  'no-restartlogic': { id: 'xep0206.bosh.restartlogic', verdict: 'fail', reason: /xmpp:restartlogic='\(none\)'/ },
};

const DOMAIN = 'bosh.fake.example';

async function runOnFake(fault: FakeBoshFault): Promise<Map<string, CheckResult>> {
  const ca = await labCa();
  const server = await startFakeBoshServer(fault, { domain: DOMAIN, ...ca.issue([DOMAIN]) });
  try {
    const target: CheckTarget = { domain: DOMAIN, host: '127.0.0.1', port: 1, caPem: ca.certPem, http: { bosh: server.url } };
    const account = { username: FAKE_BOSH_USER, password: FAKE_BOSH_PASSWORD, domain: DOMAIN, jid: `${FAKE_BOSH_USER}@${DOMAIN}` };
    const results = await runChecks(BOSH, { target, accounts: suppliedAccounts([account]), concurrency: 4 });
    return new Map(results.map((result) => [result.id, result]));
  } finally {
    await server.close();
  }
}

t.test('the fake BOSH server that breaks nothing passes every bosh check', async (t) => {
  const results = await runOnFake('none');
  for (const result of results.values()) t.equal(result.verdict, 'pass', `${result.id}: ${result.reason}`, { wire: wireText(result) });
});

t.test('each broken rule is caught by its check, and only by it', async (t) => {
  for (const [fault, expected] of Object.entries(EXPECTED)) {
    const results = await runOnFake(fault as FakeBoshFault);
    const caught = results.get(expected.id)!;
    t.equal(caught.verdict, expected.verdict, `${FAKE_BOSH_FAULTS[fault as FakeBoshFault]}: ${expected.id} says ${caught.reason}`);
    t.match(caught.reason, expected.reason);
    for (const other of results.values()) {
      if (other.id === expected.id) continue;
      t.equal(other.verdict, expected.skips?.includes(other.id) ? 'skip' : 'pass', `${fault}: ${other.id} unaffected (${other.reason})`);
    }
  }
});

t.test('without a BOSH endpoint every bosh check skips and says which flag gives one', async (t) => {
  const target: CheckTarget = { domain: DOMAIN, host: '127.0.0.1', port: 1 };
  const account = { username: FAKE_BOSH_USER, password: FAKE_BOSH_PASSWORD, domain: DOMAIN, jid: `${FAKE_BOSH_USER}@${DOMAIN}` };
  const results = await runChecks(BOSH, { target, accounts: suppliedAccounts([account]), concurrency: 4 });
  for (const result of results) t.match(result, { verdict: 'skip', reason: /no BOSH endpoint known: give --bosh-url/ }, result.id);
});
