import t, { type Test } from 'tap';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { persistentCa, startLab, type LabServer } from '../../src/lab/index.js';
import { freePorts } from '../../src/lab/ports.js';
import { JABBERD2_VERDICTS } from '../helpers/baseline-verdicts.js';
import { GAUNTLET_BIN, type CliRun } from '../helpers/cli.js';
import { expectFederationLoadDelivered } from '../helpers/federation-load.js';
import { NEEDS_S2S_EXTERNAL, raced } from '../helpers/jabberd2-s2s-known.js';

/**
 * Lab jabberd2 as an outside target (issue 11), like Prosody and ejabberd in s2s-external.test.ts:
 * the harness starts it with its s2s resolver (udns) pointed, through NAMESERVERS / RES_OPTIONS,
 * at the port where the CLI's embedded DNS will answer; the run is the built CLI with public
 * options only. jabberd2 federates by dialback alone.
 */
t.setTimeout(300_000);

function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(GAUNTLET_BIN, args, { timeout: 200_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 70) : 0, out, err }));
  });
}

const readResult = async (dir: string): Promise<RunResult> => JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as RunResult;

async function outsideJabberd2(t: Test, dir: string): Promise<{ lab: LabServer; dnsPort: number; caDir: string }> {
  const caDir = join(dir, 'peer-ca');
  const ca = await persistentCa(caDir);
  const [dnsPort] = (await freePorts(1)) as [number];
  const lab = await startLab('jabberd2', { resolver: { address: '127.0.0.1', port: dnsPort }, trustCaFile: ca.certFile });
  t.teardown(() => lab.stop());
  return { lab, dnsPort, caDir };
}

/** Lab-mode verdicts of jabberd2 2.7 (the pinned column); the checks whose peer wants SASL EXTERNAL as that table says. */
function labVerdict(id: string): string {
  return NEEDS_S2S_EXTERNAL[id]?.verdict ?? JABBERD2_VERDICTS[id] ?? 'pass';
}

t.test('jabberd2 as an outside target: dialback pre-flight both ways, s2s catalogue as in lab mode', async (t) => {
  const dir = t.testdir();
  const { lab, dnsPort, caDir } = await outsideJabberd2(t, dir);
  const out = join(dir, 'out');
  const target = [lab.domains[0], '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile, '--register', '--s2s-port', String(lab.ports.s2s)];
  const run = await cli(['check', ...target, '--checks', 's2s', '--peer-dns', `embedded:127.0.0.1:${dnsPort}`, '--peer-ca', caDir, '--peer-auth', 'dialback', '--out', out]);
  t.match(run.err, new RegExp(`jabberd2, .*NAMESERVERS=127\\.0\\.0\\.1 RES_OPTIONS=port:${dnsPort}`), 'prints the environment the lab itself uses to point jabberd2 at the DNS');
  t.match(run.err, /federation pre-flight passed: .* by dialback .* answered a ping \(iq type=result\)/, run.err);

  const checks = (await readResult(out)).checks ?? [];
  t.ok(checks.length >= 15, `${checks.length} s2s checks`);
  const hits = checks.filter(raced).map((check) => check.id);
  t.comment(`hit by jabberd2's fd race: ${hits.join(', ') || 'none'}`);
  t.ok(hits.length <= 3, 'at most 3 checks hit by the fd race');
  for (const check of checks) {
    if (!raced(check)) t.equal(check.verdict, labVerdict(check.id), `${check.id} as in lab mode: ${check.reason}`);
  }
  const s2sEntries = checks.flatMap((check) => check.wire.filter((entry) => entry.conn.startsWith('s2s-')));
  t.ok(s2sEntries.some((e) => e.conn.startsWith('s2s-out ') && e.text.includes('<db:result')), 'our peer → target stream is in the wire log');
  t.ok(s2sEntries.some((e) => e.conn.startsWith('s2s-in#') && e.dir === 'in' && e.text.includes('<db:verify')), 'the target → peer stream (its dialback verify) is in the wire log');
});

t.test('federation load on an outside jabberd2: 2 peer domains by dialback, every message delivered both ways', async (t) => {
  const dir = t.testdir();
  const { lab, dnsPort, caDir } = await outsideJabberd2(t, dir);
  const scenario = join(dir, 'federation.yaml');
  await writeFile(
    scenario,
    `name: federation-outside-jabberd2
target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${lab.caFile} }
accounts: { register: { username: 'jfed{n}', password: 'pw-{n}-secret', count: 4 } }
peers: { count: 2, users: 2, auth: dialback, find_by: "embedded:127.0.0.1:${dnsPort}", target_s2s_port: ${lab.ports.s2s}, ca_dir: ${caDir} }
load: { phases: [{ executor: constant-users, users: 4, iterations: 1, duration: 1m }] }
flow:
  - login
  - presence
  - wait: online
  - loop:
      duration: 2s
      steps:
        - message: { to: peer, size: 100 }
        - message: { as: peer, to: self, size: 100 }
        - think: { constant: 500ms }
  - think: 1s
  - wait: done
  - disconnect
`,
  );
  const out = join(dir, 'out');
  const run = await cli(['run', scenario, '--quiet', '--out', out]);
  await expectFederationLoadDelivered(t, run, out, { minEachWay: 4, links: 2 });
});
