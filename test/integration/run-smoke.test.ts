import t from 'tap';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import type { RunResult } from '../../src/engine/result.js';

const SMOKE = join(import.meta.dirname, '..', '..', 'scenarios', 'smoke.yaml');

t.test('the smoke scenario runs against a lab Prosody and writes result.json', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'gauntlet-run-'));
  const scenario = await loadScenarioFile(SMOKE, { env: {} });
  const { result, file } = await runScenario(scenario, { version: 'test', out });
  t.equal(file, join(out, 'result.json'));
  const written = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  t.same(written, JSON.parse(JSON.stringify(result)), 'the file holds the returned result');
  t.equal(written.interrupted, false);
  t.same(written.errors, { total: 0, byKind: {}, sample: [], groups: [] }, 'no errors');
  t.equal(written.target.lab?.kind, 'prosody');
  const metrics = decodeMetrics(written.metrics);
  t.equal(metrics.latency('login_total')?.count, 2, 'one login per user');
  t.equal(metrics.latency('message_e2e')?.count, 2, 'one message received per user');
  t.notMatch(readFileSync(file, 'utf8'), /"pw1"|"pw2"/, 'no password in the result');
});

const CHATTY = `
name: chatty
target: { lab: prosody }
accounts:
  lab: { count: 4 }
load:
  phases:
    - { name: steady, executor: constant-users, users: 4, duration: 1m }
flow:
  - login
  - presence
  - wait: online
  - loop:
      duration: 1m
      steps:
        - message: { to: random-online, body: 'ping {user}' }
        - think: 100ms
  - disconnect
`;

t.test('an abort (SIGINT) closes sessions and still writes the partial results', async (t) => {
  const dir = t.testdir({ 'chatty.yaml': CHATTY });
  const scenario = await loadScenarioFile(join(dir, 'chatty.yaml'), { env: {} });
  const controller = new AbortController();
  const started = Date.now();
  // Abort 2 s into the load phase, as Ctrl-C would.
  const observer = { phaseStarted: () => void setTimeout(() => controller.abort(), 2000), watch: () => () => undefined };
  const { result, file } = await runScenario(scenario, { version: 'test', out: join(dir, 'out'), signal: controller.signal, observer });
  t.ok(Date.now() - started < 15_000, `stopped promptly (${Date.now() - started} ms in all)`);
  const written = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  t.equal(written.interrupted, true);
  t.equal(written.timings.phases.length, 1);
  t.ok(written.timings.loadMs >= 2000 && written.timings.loadMs < 5000, `the phase was cut short (${written.timings.loadMs} ms)`);
  const metrics = decodeMetrics(written.metrics);
  t.equal(metrics.latency('login_total')?.count, 4, 'every user logged in');
  const received = metrics.latency('message_e2e')?.count ?? 0;
  t.ok(received > 4, `messages flowed before the abort (${received})`);
  t.equal(written.errors.total, 0, 'an abort is not an error');
  t.equal(metrics.gaugeReading('live_users')?.value, 0, 'no user left running');
  t.same(result.interrupted, true);
});
