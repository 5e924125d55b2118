/**
 * The load model as a k6 user expects it, through the built CLI against lab Prosody: a ramp then a
 * hold keeps every user logged in through the boundary; the README's and docs/scenario.md's
 * examples run clean (0 errors, 0 aborted iterations), time-scaled; identical runs compare equal
 * and a run that delivered nothing compares as a regression.
 */
import t from 'tap';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLab } from '../../src/lab/index.js';
import { decodeMetrics, type MetricsJson } from '../../src/metrics/index.js';
import { GAUNTLET_BIN } from '../helpers/cli.js';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function gauntlet(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return exec(GAUNTLET_BIN, args, { env: { ...process.env, NO_COLOR: '1', ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Run) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

interface Result {
  metrics: MetricsJson;
  errors: { total: number };
  thresholds: { metric: string; ok: boolean }[];
}

const readResult = (out: string): Result => JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
const counter = (result: Result, key: string) => result.metrics.counters[key] ?? 0;
const samples = (result: Result, key: string) => decodeMetrics(result.metrics).latency(key)?.count ?? 0;

/** Replaces each `[from, to]` in `text`, failing loudly when the example no longer contains `from`. */
function scaled(text: string, replacements: ReadonlyArray<readonly [string | RegExp, string]>): string {
  return replacements.reduce((current, [from, to]) => {
    const next = current.replace(from, to);
    if (next === current) throw new Error(`the example no longer contains ${String(from)}`);
    return next;
  }, text);
}

function yamlBlock(file: string, startsWith: RegExp): string {
  const blocks = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const block = blocks.find((text) => startsWith.test(text));
  if (!block) throw new Error(`no yaml block matching ${startsWith} in ${file}`);
  return block;
}

t.test('ramp then hold: every user logs in once and stays through the boundary', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'ramp-hold.yaml');
  writeFileSync(
    file,
    `name: ramp-hold
target: { lab: prosody }
accounts: { lab: { count: 6 } }
load:
  phases:
    - { name: ramp, executor: ramping-users, users: 0, ramp_to: 6, duration: 2s }
    - { name: hold, executor: constant-users, users: 6, duration: 2s }
flow:
  - login
  - presence
  - loop: { duration: 1m, steps: [{ iq: ping }, { think: 100ms }] }
  - disconnect
`,
  );
  const out = join(dir, 'out');
  const run = await gauntlet(['run', file, '--out', out, '--quiet']);
  t.equal(run.code, 0, run.stderr);
  const result = readResult(out);
  t.equal(counter(result, 'connections_opened'), 6, 'login count = users');
  t.equal(samples(result, 'login_total'), 6);
  t.equal(counter(result, 'iterations{outcome=completed}'), 6, 'each loop ended after its pass at the end of the hold, then disconnected');
  t.equal(counter(result, 'iterations{outcome=aborted}'), 0);
  t.equal(result.errors.total, 0);
});

t.test('documented examples run clean against lab Prosody (time-scaled)', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const dir = t.testdir();
  const password = 'Load-pass-1';
  await lab.createAccounts(Array.from({ length: 6 }, (_, i) => ({ username: `load${i + 1}`, password })));
  const examples: Array<[string, string]> = [
    [
      'README own-server example',
      scaled(yamlBlock('README.md', /^# my-server\.yaml/), [
        [/target:\n(  .*\n)+?accounts:/, `target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${lab.caFile} }\naccounts:`],
        ['count: 50', 'count: 6'],
        ['ramp_to: 50, duration: 1m', 'ramp_to: 6, duration: 2s'],
        ['users: 50, duration: 2m', 'users: 6, duration: 2s'],
        ['{ exponential: 2s }', '{ exponential: 100ms }'],
      ]),
    ],
    ['docs/scenario.md first example', yamlBlock('docs/scenario.md', /^name: smoke\n/)],
    [
      'docs/scenario.md load example with the README flow',
      `name: docs-load
target: { lab: prosody }
accounts: { lab: { count: 6 } }
${scaled(yamlBlock('docs/scenario.md', /^load:\n  max_users: 500/), [
  ['max_users: 500', 'max_users: 6'],
  ['ramp_to: 50\n      duration: 30s', 'ramp_to: 6\n      duration: 2s'],
  ['users: 50\n      duration: 2m', 'users: 6\n      duration: 2s'],
])}
flow:
  - login
  - presence
  - loop: { duration: 10m, steps: [{ message: { to: random-online, size: 200 } }, { think: { exponential: 100ms } }] }
  - disconnect
`,
    ],
  ];
  for (const [name, text] of examples) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    const out = join(dir, name.replace(/\W+/g, '-'));
    const run = await gauntlet(['run', file, '--out', out, '--quiet'], { LOAD_PASSWORD: password });
    t.equal(run.code, 0, `${name}: exit 0\n${run.stdout}${run.stderr}`);
    const result = readResult(out);
    t.equal(result.errors.total, 0, `${name}: 0 errors`);
    t.equal(counter(result, 'iterations{outcome=aborted}'), 0, `${name}: 0 aborted iterations`);
    t.ok(counter(result, 'iterations{outcome=completed}') > 0, `${name}: iterations completed`);
    t.ok(samples(result, 'message_e2e') > 0, `${name}: messages delivered`);
  }
});

t.test('compare: identical runs exit 0; a run that delivered nothing against a good one exits 4', async (t) => {
  const dir = t.testdir();
  const chat = (name: string, to: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      `name: chat
target: { lab: prosody }
accounts: { lab: { count: 4 } }
load: { phases: [{ executor: constant-users, users: 4, iterations: 1 }] }
flow:
  - login
  - presence
  - loop: { count: 10, steps: [{ message: { to: ${to}, size: 50 } }, { think: 20ms }] }
  - think: 300ms
  - disconnect
`,
    );
    return file;
  };
  const runs: Record<string, string> = {};
  for (const [name, to] of [['first', 'random-online'], ['second', 'random-online'], ['nothing', "'nobody{n}'"]] as const) {
    runs[name] = join(dir, name);
    const run = await gauntlet(['run', chat(name, to), '--out', runs[name]!, '--quiet']);
    t.equal(run.code, name === 'nothing' ? 4 : 0, `${name}: ${run.stdout}`);
  }
  t.match(readResult(runs.nothing!).thresholds.find((threshold) => threshold.metric === 'health.delivery'), { ok: false }, 'a run that delivered nothing fails by itself');
  const same = await gauntlet(['compare', join(runs.first!, 'result.json'), join(runs.second!, 'result.json')]);
  t.equal(same.code, 0, same.stdout);
  const worse = await gauntlet(['compare', join(runs.first!, 'result.json'), join(runs.nothing!, 'result.json')]);
  t.equal(worse.code, 4, worse.stdout);
  t.match(worse.stdout, /message_e2e vanished/);
});
