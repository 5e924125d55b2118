/**
 * `gauntlet check` as an outside user runs it against their own server: domain, --host, --port,
 * --ca and accounts on the command line, against a lab server the test starts (the lab is only
 * the server here; nothing in the command knows it is one). Covers: no accounts created without
 * --register, --direct-port, --user left as found, --expect/--write-expect and compare, --require,
 * and blame for a certificate that does not verify.
 */
import t, { type Test } from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLab } from '../../src/lab/index.js';
import type { LabServer, VariantName } from '../../src/lab/types.js';
import { openSession } from '../../src/xmpp/index.js';
import type { RunResult } from '../../src/engine/result.js';
import { gauntlet } from '../helpers/cli.js';

t.setTimeout(240_000);

const readResult = async (dir: string): Promise<RunResult> => JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as RunResult;
const verdicts = (result: RunResult) => Object.fromEntries((result.checks ?? []).map((c) => [c.id, c.verdict]));

async function lab(t: Test, variant: VariantName = 'baseline'): Promise<LabServer> {
  const server = await startLab('prosody', { variant });
  t.teardown(() => server.stop());
  return server;
}

/** What a user types for their own server: no lab option anywhere. */
const outside = (server: LabServer, ...rest: string[]) => ['check', server.domains[0]!, '--host', server.host, '--port', String(server.ports.c2s), '--ca', server.caFile, '--quiet', ...rest];

t.test('without --register no account is created: registration checks skip and say how to allow it', async (t) => {
  const server = await lab(t);
  const out = join(t.testdir(), 'r');
  const run = await gauntlet(outside(server, '--checks', 'register', '--out', out));
  t.equal(run.code, 0, run.out + run.err);
  const result = await readResult(out);
  const creating = (result.checks ?? []).filter((c) => c.verdict === 'skip' && /pass --register/.test(c.reason));
  t.ok(creating.length >= 5, `${creating.length} registration checks skipped`);
  const sentRegistration = (result.checks ?? []).some((c) => c.wire.some((w) => w.dir === 'out' && /<iq[^>]*type=['"]set['"][^>]*>\s*<query xmlns=['"]jabber:iq:register/.test(w.text)));
  t.notOk(sentRegistration, 'no registration set was sent by any check');
});

t.test('--direct-port runs the XEP-0368 checks on a non-lab target', async (t) => {
  const server = await lab(t);
  const out = join(t.testdir(), 'd');
  const run = await gauntlet(outside(server, '--checks', 'xep0368.tls.*', '--direct-port', String(server.ports.c2sDirectTls), '--out', out));
  t.equal(run.code, 0, run.out + run.err);
  const result = await readResult(out);
  t.ok(result.checks!.length >= 2);
  for (const check of result.checks!.filter((c) => c.id !== 'xep0368.tls.srv-records')) t.not(check.verdict, 'skip', `${check.id}: ${check.reason}`);
});

t.test('--user: the account is left as found, and a second run does not assume it fresh', async (t) => {
  const server = await lab(t);
  const [operator] = await server.createAccounts([{ username: 'operator', password: 'operator-secret-1' }]);
  const connection = { domain: server.domains[0]!, host: server.host, port: server.ports.c2s, tls: 'starttls' as const, ca: await readFile(server.caFile, 'utf8'), username: operator!.username, password: operator!.password };
  const rosterOf = async () => {
    const session = await openSession(connection);
    try {
      const reply = await session.iq("<iq type='get'><query xmlns='jabber:iq:roster'/></iq>");
      return reply.getChild('query', 'jabber:iq:roster')!.getChildren('item').map((i) => `${i.attrs.jid}|${i.attrs.name}|${i.getChildren('group').map((g) => g.text()).join(',')}`).sort();
    } finally {
      await session.close(1000);
    }
  };
  const seed = await openSession(connection);
  await seed.iq("<iq type='set'><query xmlns='jabber:iq:roster'><item jid='friend@elsewhere.example' name='Friend'><group>Pals</group></item></query></iq>");
  await seed.close(1000);
  const before = await rosterOf();
  t.same(before, ['friend@elsewhere.example|Friend|Pals']);

  process.env.GAUNTLET_TEST_PW = operator!.password;
  t.teardown(() => void delete process.env.GAUNTLET_TEST_PW);
  for (const round of [1, 2]) {
    const out = join(t.testdir(), `u${round}`);
    const run = await gauntlet(outside(server, '--user', `${operator!.username}@${server.domains[0]}`, '--password-env', 'GAUNTLET_TEST_PW', '--checks', 'roster', '--out', out));
    const result = await readResult(out);
    const get = result.checks!.find((c) => c.id === 'rfc6121.roster.get')!;
    t.equal(get.verdict, 'pass', `round ${round}: ${get.reason}`);
    t.ok(result.checks!.some((c) => c.verdict !== 'skip' && c.wire.some((w) => w.dir === 'out' && /type=['"]set['"]/.test(w.text))), `round ${round}: the checks changed the roster`);
    t.same(result.checks!.filter((c) => c.verdict === 'error' || /server fault/.test(c.reason)).map((c) => c.reason), [], `round ${round}: no error, no fault from sharing the account (${run.code})`);
    t.same(await rosterOf(), before, `round ${round}: the roster is back as it was`);
  }
});

t.test('--expect: today\'s baseline exits 0, a check that gets worse exits 1; compare shows the change', async (t) => {
  const selection = ['--checks', 'rfc6120.tls.starttls-required,rfc4616.sasl.no-plain-before-tls,rfc6121.roster.ver-sync,rfc6120.stream.features', '--register'];
  const dir = t.testdir();
  const baseline = await lab(t);
  const first = await gauntlet(outside(baseline, ...selection, '--out', join(dir, 'base'), '--write-expect', join(dir, 'expect.yaml')));
  const base = await readResult(join(dir, 'base'));
  t.equal(verdicts(base)['rfc6121.roster.ver-sync'], 'fail', 'a known Prosody failure is in the baseline');
  t.equal(first.code, 1, 'without expectations a failed MUST exits 1');
  t.match(await readFile(join(dir, 'expect.yaml'), 'utf8'), /rfc6121\.roster\.ver-sync: fail/);

  const again = await gauntlet(outside(baseline, ...selection, '--out', join(dir, 'again'), '--expect', join(dir, 'expect.yaml')));
  t.equal(again.code, 0, again.out + again.err);
  t.match(again.out, /against the expectations: no verdict changed|0 worse/);
  const fromResult = await gauntlet(outside(baseline, ...selection, '--out', join(dir, 'again2'), '--expect', join(dir, 'base', 'result.json')));
  t.equal(fromResult.code, 0, 'a result.json serves as expectations too');

  const variant = await lab(t, 'plain-before-tls');
  const worse = await gauntlet(outside(variant, ...selection, '--out', join(dir, 'worse'), '--expect', join(dir, 'expect.yaml')));
  t.equal(worse.code, 1, worse.out);
  t.match(worse.out, /WORSE +rfc6120\.tls\.starttls-required: pass → warn/);

  const compare = await gauntlet(['compare', join(dir, 'base', 'result.json'), join(dir, 'worse', 'result.json')]);
  t.match(compare.out, /check verdicts A → B: \d+ worse/);
  t.match(compare.out, /WORSE +rfc4616\.sasl\.no-plain-before-tls: pass → warn/);
});

t.test('--require: absent features fail the deployment expectation apart from the RFC verdicts', async (t) => {
  const server = await lab(t);
  const all = ['--require', 'offline,ibr,direct-tls,dialback', '--register', '--checks', 'rfc6120.stream.features'];
  const out = join(t.testdir(), 'q');
  const met = await gauntlet(outside(server, ...all, '--direct-port', String(server.ports.c2sDirectTls), '--out', out));
  t.equal(met.code, 0, met.out + met.err);
  const result = await readResult(out);
  t.same(Object.fromEntries(result.requirements!.map((r) => [r.id, r.verdict])), { 'require.offline': 'pass', 'require.ibr': 'pass', 'require.direct-tls': 'pass', 'require.dialback': 'skip' });
  t.match(met.out, /unknown +dialback — no s2s port is known/);
  t.same(result.checks!.map((c) => c.id), ['rfc6120.stream.features'], 'requirements are not checks');

  const noOffline = await lab(t, 'no-offline');
  const absentDir = join(t.testdir(), 'n');
  const absent = await gauntlet(outside(noOffline, '--require', 'offline', '--register', '--checks', 'rfc6120.stream.features', '--out', absentDir, '--junit', join(absentDir, 'junit.xml')));
  t.equal(absent.code, 1, absent.out);
  t.match(absent.out, /ABSENT +offline — a chat message to an offline user was refused/);
  const page = await readFile(join(absentDir, 'report.html'), 'utf8');
  t.match(page, /<h2>Deployment requirements<\/h2>/);
  t.match(page, /1 required feature absent/, 'the HTML headline says why the run failed');
  const junit = await readFile(join(absentDir, 'junit.xml'), 'utf8');
  t.match(junit, /<testsuite name="requirements"[^>]*failures="1"/);

  const withDialback = await gauntlet(['check', '--lab', 'prosody', '--require', 'dialback', '--checks', 'rfc6120.stream.features', '--quiet', '--out', join(t.testdir(), 'p')]);
  t.equal(withDialback.code, 0, withDialback.out);
  t.match(withDialback.out, /present +dialback/);
  const dialback = await gauntlet(['check', '--lab', 'prosody', '--variant', 'no-dialback', '--require', 'dialback', '--checks', 'rfc6120.stream.features', '--quiet', '--out', join(t.testdir(), 'b')]);
  t.equal(dialback.code, 1, dialback.out);
  t.match(dialback.out, /ABSENT +dialback/);
  const dir = t.testdir({ 'require.yaml': 'target: { lab: prosody, variant: no-ibr }\nchecks: { select: [rfc6120.stream.features], require: [ibr] }\n' });
  const scenario = await gauntlet(['run', join(dir, 'require.yaml'), '--quiet', '--out', join(dir, 'out')]);
  t.equal(scenario.code, 1, scenario.out + scenario.err);
  t.match(scenario.out, /ABSENT +ibr — no register stream feature after STARTTLS/, 'a scenario\'s checks.require works alike');
  t.equal((await readResult(join(dir, 'out'))).requirements?.[0]?.verdict, 'fail');
  const usage = await gauntlet(outside(server, '--require', 'offline,telepathy'));
  t.equal(usage.code, 2);
  t.match(usage.err, /unknown requirement "telepathy"/);
});

t.test('a certificate that does not verify against the trusted roots is the server\'s fault, not a tool error', async (t) => {
  const server = await lab(t);
  const out = join(t.testdir(), 'c');
  // No --ca: the system roots do not know the lab CA, as with a server whose certificate is broken.
  await gauntlet(['check', server.domains[0]!, '--host', server.host, '--port', String(server.ports.c2s), '--checks', 'tls,rfc6120.stream.features', '--quiet', '--out', out]);
  const result = await readResult(out);
  const errors = result.checks!.filter((c) => c.verdict === 'error');
  t.same(errors.map((c) => `${c.id}: ${c.reason}`), [], 'no tool errors');
  const blamed = result.checks!.filter((c) => /^server fault: .*certificate/.test(c.reason));
  t.ok(blamed.length >= 1, blamed.map((c) => `${c.id} ${c.verdict}`).join(', '));
  for (const check of blamed) t.ok(['fail', 'warn', 'info'].includes(check.verdict), `${check.id} judged at its level: ${check.verdict}`);
  t.ok(blamed.every((c) => c.wire.length > 0) || blamed.some((c) => c.wire.length > 0), 'the set-up wire log is kept');
});
