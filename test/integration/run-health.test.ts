/**
 * A failed run never passes: the pre-flight login (wrong password, wrong CA) and a target killed
 * mid-run, through the built CLI against a lab Prosody given as an outside user would give it.
 */
import t from 'tap';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLab } from '../../src/lab/index.js';
import { GAUNTLET_BIN } from '../helpers/cli.js';

const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

async function gauntlet(args: string[]): Promise<Outcome> {
  const started = Date.now();
  const outcome = await run(GAUNTLET_BIN, args, { env: { ...process.env, NO_COLOR: '1' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  return { ...outcome, ms: Date.now() - started };
}

t.test('against a lab Prosody given by host, port and CA', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  await lab.createAccounts([1, 2, 3].map((n) => ({ username: `user${n}`, password: `pass${n}` })));
  const dir = t.testdir();
  const scenario = (name: string, options: { password?: string; ca?: string; body?: string }) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      `name: ${name}
target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${options.ca ?? lab.caFile} }
accounts: { pattern: { username: 'user{n}', password: '${options.password ?? 'pass{n}'}', count: 3 } }
${options.body ?? `load: { phases: [{ executor: constant-users, users: 3, duration: 20s }] }
flow: [login, { loop: { duration: 20s, steps: [{ iq: ping }, { think: 50ms }] } }]`}
`,
    );
    return file;
  };

  t.test('a wrong password stops at the pre-flight login: exit 6 within seconds, no load', async (t) => {
    const out = join(dir, 'wrong-password');
    const junit = join(dir, 'wrong-password.xml');
    const outcome = await gauntlet(['run', scenario('wrong-password', { password: 'wrong' }), '--out', out, '--junit', junit]);
    t.equal(outcome.code, 6, outcome.stderr);
    t.ok(outcome.ms < 10_000, `took ${outcome.ms} ms (process start included)`);
    t.match(outcome.stderr, /pre-flight login of user1@\S+ .*authentication refused \(not-authorized/);
    t.match(outcome.stderr, /hint: wrong password or user name\? wrong domain in the JID/);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    t.same(result.metrics.counters, {}, 'no login or stanza of the load was counted');
    t.equal(result.timings.phases.length, 0, 'no phase ran');
    t.match(result.thresholds[0], { metric: 'health.run', ok: false, note: /authentication refused/ });
    t.match(readFileSync(junit, 'utf8'), /<testsuite name="thresholds" tests="1" failures="1"[\s\S]*classname="run-health" name="health\.run: [^"]*">\s*<failure message="not measured \(pre-flight login of user1@/, 'CI sees a failing testcase');
  });

  t.test('direct TLS on the STARTTLS port exits 3 and says so', async (t) => {
    const file = scenario('direct-on-starttls', {});
    writeFileSync(file, readFileSync(file, 'utf8').replace(`port: ${lab.ports.c2s},`, `port: ${lab.ports.c2s}, tls: direct,`));
    const outcome = await gauntlet(['run', file, '--out', join(dir, 'direct')]);
    t.equal(outcome.code, 3, outcome.stderr);
    t.match(outcome.stderr, /tls: direct on a STARTTLS port\?/);
  });

  t.test('a CA that did not sign the server certificate exits 3 with a hint', async (t) => {
    const wrongCa = join(dir, 'wrong-ca.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=not the lab CA', '-keyout', join(dir, 'wrong-ca.key'), '-out', wrongCa, '-days', '1'], { stdio: 'ignore' });
    const outcome = await gauntlet(['run', scenario('wrong-ca', { ca: wrongCa }), '--out', join(dir, 'wrong-ca')]);
    t.equal(outcome.code, 3, outcome.stderr);
    t.match(outcome.stderr, /hint: set target\.ca/);
  });

  t.test('the server killed mid-run: "target went away", results written, reconnects bounded', async (t) => {
    const out = join(dir, 'killed');
    const child = spawn(GAUNTLET_BIN, ['run', scenario('killed', {}), '--out', out], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Kill the server once the load runs (a busy machine may take seconds to get there).
    const exited = new Promise<number>((resolve) => child.once('exit', resolve));
    while (!/phase 1\/1/.test(stderr) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    process.kill(lab.pid, 'SIGKILL');
    const killedAt = Date.now();
    const code = await exited;
    const outcome = { code, stderr, ms: Date.now() - killedAt };
    t.equal(outcome.code, 4, outcome.stderr);
    t.match(outcome.stderr, /stopped early: target went away/);
    t.ok(outcome.ms < 10_000, `stopped ${outcome.ms} ms after the kill, in a 20 s phase`);
    t.ok(existsSync(join(out, 'result.json')));
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    t.match(result.stoppedEarly, /^target went away/);
    t.equal(result.interrupted, false);
    const refused = Object.entries(result.metrics.counters as Record<string, number>)
      .filter(([key]) => key.startsWith('connections_failed'))
      .reduce((sum, [, value]) => sum + value, 0);
    t.ok(refused >= 3 && refused < 60, `${refused} reconnect attempts by 3 users (backed off, not thousands)`);
    t.ok(result.thresholds.some((threshold: { metric: string; ok: boolean }) => threshold.metric === 'health.target' && !threshold.ok));
  });
});

t.test('wrong password on a lab target (pattern accounts nobody exists for) exits non-zero', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'nobody.yaml');
  writeFileSync(
    file,
    `name: nobody
target: { lab: prosody }
accounts: { pattern: { username: 'nobody{n}', password: wrong, count: 2 } }
load: { phases: [{ executor: constant-users, users: 2, iterations: 1 }] }
flow: [login, disconnect]
`,
  );
  const outcome = await gauntlet(['run', file, '--out', join(dir, 'out')]);
  t.equal(outcome.code, 6, outcome.stderr);
});
