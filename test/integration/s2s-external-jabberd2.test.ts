import t, { type Test } from 'tap';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { persistentCa, startLab, type LabServer } from '../../src/lab/index.js';
import { freePorts } from '../../src/lab/ports.js';
import { BASELINE_DEVIATIONS } from '../helpers/baseline-deviations.js';
import { GAUNTLET_BIN, type CliRun } from '../helpers/cli.js';
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

/**
 * jabberd2 2.7 does not complete dialback with our simulated peers, in lab mode as here: it
 * resolves the peer through our DNS, dials our listener (STARTTLS, restart) and hangs up after
 * the features, again and again, without a <db:verify/> (xep0220.s2s.valid-result fails in lab
 * mode: "our valid key was answered with nothing"). Pinned so a fix on either side shows.
 */
t.test('jabberd2 as an outside target: its resolver finds the listener through the embedded DNS; the dialback pre-flight names the broken leg', async (t) => {
  const dir = t.testdir();
  const { lab, dnsPort, caDir } = await outsideJabberd2(t, dir);
  const out = join(dir, 'out');
  const target = [lab.domains[0], '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile, '--register', '--s2s-port', String(lab.ports.s2s)];
  const run = await cli(['check', ...target, '--checks', 's2s', '--peer-dns', `embedded:127.0.0.1:${dnsPort}`, '--peer-ca', caDir, '--peer-auth', 'dialback', '--out', out]);
  t.match(run.err, new RegExp(`jabberd2, .*NAMESERVERS=127\\.0\\.0\\.1 RES_OPTIONS=port:${dnsPort}`), 'prints the environment the lab itself uses to point jabberd2 at the DNS');
  // Reaching the listener proves the printed resolver set-up: only our DNS knows the fresh peer domain.
  t.match(run.err, /federation pre-flight failed on the peer → target leg: no dialback answer: the target connected \d+ time\(s\) but never authenticated to preflight-[0-9a-f]+\.gauntlet\.example/);

  const checks = (await readResult(out)).checks ?? [];
  t.ok(checks.length >= 15, `${checks.length} s2s checks`);
  const needPeers = checks.filter((check) => check.verdict === 'skip');
  t.ok(needPeers.length >= 10, `${needPeers.length} checks that need peers skip`);
  for (const check of needPeers) t.match(check.reason, /^federation pre-flight failed on the peer → target leg/, `${check.id} skips with the pre-flight's reason`);
  // The checks that only probe the s2s port give their lab-mode verdicts.
  const portOnly = checks.filter((check) => check.verdict !== 'skip' && !raced(check));
  t.ok(portOnly.length >= 4, `${portOnly.length} port-only checks ran`);
  for (const check of portOnly) {
    const expected = NEEDS_S2S_EXTERNAL[check.id]?.verdict ?? (BASELINE_DEVIATIONS.jabberd2[check.id] ? 'fail' : 'pass');
    t.equal(check.verdict, expected, `${check.id} as in lab mode: ${check.reason}`);
  }
});
