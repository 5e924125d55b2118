import t from 'tap';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { startLab } from '../../src/lab/index.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { GAUNTLET_BIN, type CliRun } from '../helpers/cli.js';

/**
 * `target` + `federate_with` on two servers the tool did not start (issue 11, item 4): lab Prosody
 * and lab ejabberd, which federate with each other through the harness's loopback DNS, addressed
 * by the built CLI only by domain, host, port, CA and in-band registered accounts on each.
 */
t.setTimeout(180_000);

function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(GAUNTLET_BIN, args, { timeout: 150_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 70) : 0, out, err }));
  });
}

t.test('two outside servers: every crossing message arrives or bounces, both ways; the first each way measured apart', async (t) => {
  const [prosody, ejabberd] = await Promise.all([startLab('prosody'), startLab('ejabberd')]);
  t.teardown(() => Promise.all([prosody.stop(), ejabberd.stop()]));
  const dir = t.testdir();
  const scenario = join(dir, 'two.yaml');
  await writeFile(
    scenario,
    `name: two-outside
target:
  domain: ${prosody.domains[0]}
  host: ${prosody.host}
  port: ${prosody.ports.c2s}
  ca: ${prosody.caFile}
  federate_with: { domain: ${ejabberd.domains[0]}, host: ${ejabberd.host}, port: ${ejabberd.ports.c2s}, ca: ${ejabberd.caFile} }
accounts: { register: { username: 'two{n}', password: 'pw-{n}-secret', count: 6 } }
load: { phases: [{ executor: constant-users, users: 6, iterations: 1, duration: 1m }] }
flow:
  - login
  - presence
  - wait: online
  - loop:
      duration: 3s
      rate: 4
      steps:
        - message: { to: random-online, size: 100 }
  - message: { to: 'ghost-{user}@${ejabberd.domains[0]}', size: 50 }
  - think: 1s
  - wait: done
  - disconnect
thresholds:
  federated_lost: ['count == 0']
  federated_e2e: ['p(99) < 2s']
`,
  );
  const out = join(dir, 'out');
  const run = await cli(['run', scenario, '--out', out]);
  t.equal(run.code, 0, run.err);
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as RunResult;
  t.match(result.target, { domain: prosody.domains[0], via: 'explicit', federatedWith: { domain: ejabberd.domains[0], port: ejabberd.ports.c2s } });
  t.notOk(result.target.lab ?? result.target.federatedWith?.kind, 'no lab on the run\'s side');
  t.same(result.errors.byKind, {}, 'no errors');
  // Each Prosody user ends by writing to an account that does not exist on ejabberd: it bounces.
  const bounces = 3;
  const metrics = decodeMetrics(result.metrics);
  const count = (name: string, from: string) => metrics.counterTotal(`${name}{from=${from}}`) ?? 0;
  for (const from of ['target', 'federate_with']) {
    const sent = count('federated_sent', from);
    t.ok(sent >= 5, `${from}: ${sent} messages crossed`);
    const bounced = from === 'target' ? bounces : 0;
    t.equal(count('federated_bounced', from), bounced, `${from}: ${bounced} bounced (the messages to a missing account)`);
    t.equal(count('federated_delivered', from), sent - bounced, `${from}: every other crossing message delivered`);
    t.equal(count('federated_lost', from), 0, `${from}: none lost`);
    t.equal(metrics.latency(`federated_first_e2e{from=${from}}`)?.count, 1, `${from}: the first message measured apart`);
    t.equal(metrics.latency(`federated_e2e{from=${from}}`)?.count, sent - bounced - 1, `${from}: the rest in steady state`);
  }
  const local = metrics.latency('message_e2e')?.count ?? 0;
  const crossed = count('federated_sent', 'target') + count('federated_sent', 'federate_with');
  // The ejabberd users' messages to the missing account stay local and arrive nowhere.
  t.equal(local + bounces + crossed, metrics.counterTotal('stanzas_sent{kind=message}'), 'every other message was either local and delivered, or crossing');
  t.ok(result.thresholds.every((threshold) => threshold.ok), 'thresholds (federated_lost, federated_e2e) pass');
  t.match(run.out + run.err, /federated messages target → federate_with: \d+ sent, \d+ delivered, 3 bounced, 0 lost/, 'the summary gives the counts');
  t.match(run.out + run.err, `federating with ${ejabberd.domains[0]} —`, 'the summary names the second server');
  t.comment((run.out + run.err).split('\n').filter((line) => /federated/.test(line)).join('\n'));
});
