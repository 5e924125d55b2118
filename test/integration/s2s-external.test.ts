import t, { type Test } from 'tap';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { persistentCa, startDnsServer, startLab, type LabServer, type ServerKind } from '../../src/lab/index.js';
import { freePorts } from '../../src/lab/ports.js';
import { GAUNTLET_BIN, type CliRun } from '../helpers/cli.js';
import { expectFederationLoadDelivered } from '../helpers/federation-load.js';
import { KNOWN_S2S } from '../helpers/s2s-known.js';

/**
 * Lab servers driven as outside targets (issue 11): the harness only starts them with their s2s
 * resolver pointed at a port where the CLI's embedded DNS will answer, and trusting a peer CA
 * directory made beforehand (what an operator does once). The run itself is the built CLI in a
 * child process with public options only: host, ports, CA, --peer-*.
 */
t.setTimeout(600_000);

function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(GAUNTLET_BIN, args, { timeout: 240_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 70) : 0, out, err }));
  });
}

const readResult = async (dir: string): Promise<RunResult> => JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as RunResult;

interface Outside {
  lab: LabServer;
  dnsPort: number;
  caDir: string;
  /** The public options that reach this target. */
  target: string[];
}

/** `dir`: the test's one t.testdir() (each call of t.testdir() empties it again). */
async function outsideTarget(t: Test, kind: ServerKind, dir: string): Promise<Outside> {
  const caDir = join(dir, 'peer-ca');
  const ca = await persistentCa(caDir);
  const [dnsPort] = (await freePorts(1)) as [number];
  const lab = await startLab(kind, { resolver: { address: '127.0.0.1', port: dnsPort }, trustCaFile: ca.certFile });
  t.teardown(() => lab.stop());
  const target = [lab.domains[0], '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile, '--register', '--s2s-port', String(lab.ports.s2s)];
  return { lab, dnsPort, caDir, target };
}

for (const [kind, auth] of [['prosody', 'dialback'], ['ejabberd', 'external']] as const) {
  t.test(`${kind} as an outside target: pre-flight both ways (${auth}), s2s catalogue as in lab mode, s2s in the wire logs`, async (t) => {
    const dir = t.testdir();
    const outside = await outsideTarget(t, kind, dir);
    const out = join(dir, 'out');
    const run = await cli(['check', ...outside.target, '--checks', 's2s', '--peer-dns', `embedded:127.0.0.1:${outside.dnsPort}`, '--peer-ca', outside.caDir, '--peer-auth', auth, '--out', out]);
    t.match(run.err, `the target must trust ${join(outside.caDir, 'ca.pem')}`, 'names the CA file the target must trust');
    t.match(run.err, kind === 'prosody' ? /unbound = \{ resolvconf = false; forward = "127\.0\.0\.1@\d+" \}/ : /\{nameserver, \{127,0,0,1\}, \d+\}\./, 'prints the resolver lines');
    t.match(run.err, new RegExp(`federation pre-flight passed: .* by ${auth === 'external' ? 'SASL EXTERNAL' : 'dialback'} .* answered a ping \\(iq type=result\\)`));
    if (auth === 'dialback') t.match(run.err, /SASL EXTERNAL is offered to our peers too/, 'the pre-flight also says whether EXTERNAL would work');
    const checks = (await readResult(out)).checks ?? [];
    t.ok(checks.length >= 15, `${checks.length} s2s checks`);
    for (const check of checks) t.equal(check.verdict, KNOWN_S2S[kind][check.id] ?? 'pass', `${check.id} as in lab mode: ${check.reason}`);
    t.equal(run.code, Object.values(KNOWN_S2S[kind]).includes('fail') ? 1 : 0, 'exit code follows the MUST failures');

    const s2sEntries = checks.flatMap((check) => check.wire.filter((entry) => entry.conn.startsWith('s2s-')));
    t.ok(s2sEntries.some((e) => e.conn.startsWith('s2s-out ') && e.dir === 'out' && e.text.includes('<db:result')), 'our peer → target stream is in the wire log');
    t.ok(s2sEntries.some((e) => e.conn.startsWith('s2s-in#') && e.dir === 'in' && e.text.includes('<stream:stream')), 'the target → peer stream is in the wire log');
    for (const check of checks) t.ok(check.wire.filter((e) => e.conn.startsWith('s2s-')).length <= 400, `${check.id}: s2s wire log bounded`);
  });
}

t.test('broken set-ups: the pre-flight names the leg, and the peer checks skip with that reason', async (t) => {
  const dir = t.testdir();
  const outside = await outsideTarget(t, 'prosody', dir);
  const [closedPort, otherDnsPort] = (await freePorts(2)) as [number, number];
  const base = [...outside.target, '--checks', 'xep0220.s2s.valid-result', '--peer-ca', outside.caDir];
  const embedded = `embedded:127.0.0.1:${outside.dnsPort}`;
  const cases: Array<{ name: string; args: string[]; says: RegExp }> = [
    { name: 'closed s2s port', args: [...base, '--s2s-port', String(closedPort), '--peer-dns', embedded], says: /failed on the peer → target leg: port unreachable: 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/ },
    {
      name: 'untrusted peer certificate (EXTERNAL with a CA the target does not know)',
      args: [...base, '--peer-dns', embedded, '--peer-auth', 'external', '--peer-ca', join(dir, 'unknown-ca')],
      says: /failed on the peer → target leg: SASL EXTERNAL refused: .* make the target trust the CA in .*unknown-ca\/ca\.pem/,
    },
    {
      name: 'wrong DNS answer (the listener is not where the DNS says)',
      args: [...base, '--peer-dns', embedded, '--peer-public-host', '127.0.0.2'],
      says: /failed on the peer → target leg: .*no connection from the target reached the listener at 127\.0\.0\.2:\d+ \(bound on 127\.0\.0\.1:\d+\) \(it asked our DNS: .*_xmpp-server\._tcp\.preflight-[0-9a-f]+\.gauntlet\.example answered/,
    },
    {
      name: "the target's resolver is not pointed at the tool's DNS",
      args: [...base, '--peer-dns', `embedded:127.0.0.1:${otherDnsPort}`],
      says: /failed on the peer → target leg: .*the target never asked the tool's DNS on 127\.0\.0\.1:\d+ about preflight-/,
    },
  ];
  for (const { name, args, says } of cases) {
    const out = join(dir, name.replace(/\W+/g, '-'));
    const run = await cli(['check', ...args, '--out', out]);
    t.match(run.err, says, name);
    t.match(run.err, /To fix: /, `${name}: says what to change`);
    const [check] = (await readResult(out)).checks ?? [];
    t.equal(check?.verdict, 'skip', `${name}: the peer check is skipped`);
    t.match(check?.reason, /^federation pre-flight failed on the peer → target leg/, `${name}: with the pre-flight's reason`);
  }
});

for (const kind of ['prosody', 'ejabberd'] as const) {
  t.test(`federation load on an outside ${kind}: 4 peer domains by dialback, every message delivered both ways`, async (t) => {
    const dir = t.testdir();
    const { lab, dnsPort, caDir } = await outsideTarget(t, kind, dir);
    const scenario = join(dir, 'federation.yaml');
    await writeFile(
      scenario,
      `name: federation-outside
target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${lab.caFile} }
accounts: { register: { username: 'xfed{n}', password: 'pw-{n}-secret', count: 8 } }
peers: { count: 4, users: 2, auth: dialback, find_by: "embedded:127.0.0.1:${dnsPort}", target_s2s_port: ${lab.ports.s2s}, ca_dir: ${caDir} }
load: { phases: [{ executor: constant-users, users: 8, iterations: 1, duration: 1m }] }
flow:
  - login
  - presence
  - wait: online
  - loop:
      duration: 3s
      steps:
        - message: { to: peer, size: 100 }
        - message: { as: peer, to: self, size: 100 }
        - think: { constant: 500ms }
  - wait: done
  - disconnect
`,
    );
    const out = join(dir, 'out');
    const run = await cli(['run', scenario, '--quiet', '--out', out]);
    await expectFederationLoadDelivered(t, run, out, { minEachWay: 8, links: 4 });
  });
}

t.test('hosts mode: the target finds the peer by its A record alone (port 5269), pre-flight passes, peer checks say why they skip', async (t) => {
  const dir = t.testdir();
  const { lab, dnsPort, caDir, target } = await outsideTarget(t, 'prosody', dir);
  // The operator's resolver, standing in for a hosts file or container aliases: an A record only.
  const operatorDns = await startDnsServer('127.0.0.1', dnsPort);
  t.teardown(() => operatorDns.close());
  operatorDns.addDomain('peerh1.gauntlet.example', { a: '127.0.0.1' });
  const out = join(dir, 'out');
  const run = await cli(['check', ...target, '--checks', 'xep0220.s2s.valid-result', '--peer-dns', 'hosts', '--peer-domain', 'peerh1.gauntlet.example', '--peer-listen', '127.0.0.1:5269', '--peer-ca', caDir, '--out', out]);
  if (/EADDRINUSE/.test(run.err)) return t.skip('port 5269 is taken on this machine', () => {});
  t.match(run.err, /peer domains must lead the target to 127\.0\.0\.1:5269 \(hosts entries/);
  t.match(run.err, /127\.0\.0\.1 {2}peerh1\.gauntlet\.example/, 'prints the hosts line');
  t.match(run.err, /federation pre-flight passed: peerh1\.gauntlet\.example → a\.prosody\.lab\.example by dialback/);
  const [check] = (await readResult(out)).checks ?? [];
  t.equal(check?.verdict, 'skip');
  t.match(check?.reason, /fresh peer domain each, which only --peer-dns embedded/);
  t.ok(lab.domains.length > 0);
});

t.test("operator certificates: a peer domain presents the operator's PEM, not one from the tool's CA", async (t) => {
  const dir = t.testdir();
  const { dnsPort, caDir, target } = await outsideTarget(t, 'prosody', dir);
  const operatorDns = await startDnsServer('127.0.0.1', dnsPort);
  t.teardown(() => operatorDns.close());
  operatorDns.addDomain('opcert.gauntlet.example', { a: '127.0.0.1' });
  // The operator's certificate comes from a CA the target trusts; the tool's CA (--peer-ca) here does not.
  const issued = (await persistentCa(caDir)).issue(['opcert.gauntlet.example'], { clientAuth: true });
  await writeFile(join(dir, 'op.pem'), issued.certPem);
  await writeFile(join(dir, 'op.key'), issued.keyPem);
  const run = await cli([
    'check', ...target, '--checks', 'rfc6120.s2s.host-unknown', '--peer-dns', 'hosts', '--peer-listen', '127.0.0.1:5269', '--peer-domain', 'opcert.gauntlet.example',
    '--peer-cert', `opcert.gauntlet.example=${join(dir, 'op.pem')},${join(dir, 'op.key')}`, '--peer-ca', join(dir, 'untrusted-ca'), '--peer-auth', 'external', '--out', join(dir, 'out'),
  ]);
  if (/EADDRINUSE/.test(run.err)) return t.skip('port 5269 is taken on this machine', () => {});
  t.match(run.err, /federation pre-flight passed: opcert\.gauntlet\.example → a\.prosody\.lab\.example by SASL EXTERNAL/, run.err);
});

t.test('a run with peers whose pre-flight fails stops before the load with exit code 3, naming the leg', async (t) => {
  const dir = t.testdir();
  const { lab, dnsPort, caDir } = await outsideTarget(t, 'prosody', dir);
  const [closedPort] = (await freePorts(1)) as [number];
  const scenario = join(dir, 'broken.yaml');
  await writeFile(
    scenario,
    `target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${lab.caFile} }
accounts: { register: { username: 'xb{n}', password: 'pw-{n}-secret', count: 1 } }
peers: { count: 1, find_by: "embedded:127.0.0.1:${dnsPort}", target_s2s_port: ${closedPort}, ca_dir: ${caDir} }
flow:
  - login
  - message: { to: peer }
`,
  );
  const run = await cli(['run', scenario, '--quiet', '--out', join(dir, 'out')]);
  t.equal(run.code, 3, 'exit code 3: the target cannot be reached for federation');
  t.match(run.err, /federation pre-flight failed on the peer → target leg: port unreachable: 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
});
