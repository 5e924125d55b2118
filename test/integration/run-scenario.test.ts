import t from 'tap';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { decodeMetrics, summary } from '../../src/metrics/index.js';
import { loadScenarioFile, loadScenarioText } from '../../src/scenario/index.js';

const outDir = () => mkdtempSync(join(tmpdir(), 'gauntlet-run-'));

t.test('the smoke scenario runs against a lab Prosody and measures what it did', async (t) => {
  const scenario = await loadScenarioFile('scenarios/smoke.yaml', { env: {} });
  const out = outDir();
  const { result, file } = await runScenario(scenario, { version: 'test', out });
  t.equal(file, join(out, 'result.json'));
  const written = JSON.parse(readFileSync(file, 'utf8'));
  t.equal(written.format, 'xmpp-gauntlet/result@1');
  t.equal(written.target.lab.kind, 'prosody');
  t.same(result.errors, { total: 0, byKind: {}, sample: [] });
  const metrics = decodeMetrics(written.metrics);
  for (const key of ['tcp_connect', 'tls_handshake', 'sasl_auth', 'bind', 'login_total', 'roster_get', 'message_e2e']) {
    t.equal(summary(metrics, key)?.count, 2, `${key}: one sample per user`);
  }
  t.equal(metrics.counterTotal('stanzas_sent{kind=message}'), 2);
  t.ok(result.thresholds.length === 3 && result.thresholds.every((th) => th.ok), 'thresholds evaluated and held');
  t.notMatch(readFileSync(file, 'utf8'), /"pw1"|"pw2"/, 'no password in the result');
  t.equal(result.interrupted, false);
});

t.test('an abort stops a long run early and still writes what was gathered', async (t) => {
  const scenario = loadScenarioText(
    `name: long
target: { lab: prosody }
accounts: { lab: { count: 4 } }
load:
  phases:
    - { executor: constant-users, users: 4, duration: 2m }
flow:
  - login
  - presence
  - wait: online
  - loop:
      duration: 2m
      steps:
        - message: { to: random-online, size: 64 }
        - think: 50ms
`,
    'long.yaml',
    { env: {} },
  );
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 2500);
  const started = Date.now();
  const { result } = await runScenario(scenario, { version: 'test', out: outDir(), signal: controller.signal });
  t.ok(Date.now() - started < 20_000, 'stopped long before the planned two minutes');
  t.equal(result.interrupted, true);
  const e2e = summary(decodeMetrics(result.metrics), 'message_e2e');
  t.ok((e2e?.count ?? 0) > 10, `messages measured before the stop (${e2e?.count})`);
  t.equal(result.errors.total, 0, 'an abort is not an error');
});

t.test('an open model records latencies corrected for coordinated omission', async (t) => {
  const scenario = loadScenarioText(
    `name: open
target: { lab: prosody }
accounts: { lab: { count: 10 } }
load:
  phases:
    - { executor: constant-arrival-rate, rate: 10, duration: 1s, max_users: 10 }
flow:
  - login
  - presence
  - iq: ping
  - message: { to: self }
  - expect: "<message><body>*</body></message>"
`,
    'open.yaml',
    { env: {} },
  );
  const { result } = await runScenario(scenario, { version: 'test', out: outDir() });
  const metrics = decodeMetrics(result.metrics);
  const raw = summary(metrics, 'message_e2e');
  const corrected = summary(metrics, 'message_e2e.corrected');
  t.equal(raw?.count, 10, 'every arrival sent one message to itself');
  t.equal(corrected?.count, 10, 'and each got a corrected twin');
  t.ok(corrected!.maxMs >= raw!.maxMs, 'corrected latency is never below the raw one');
  t.equal(summary(metrics, 'iq_rtt{kind=ping}')?.count, 10);
});

t.test('an unreachable target is refused before any load', async (t) => {
  const scenario = loadScenarioText(
    `name: nowhere
target: { domain: nowhere.example, host: 127.0.0.1, port: 1 }
accounts: { pattern: { username: 'u{n}', password: 'p{n}', count: 1 } }
flow: [login]
`,
    'nowhere.yaml',
    { env: {} },
  );
  await t.rejects(runScenario(scenario, { version: 'test', out: outDir() }), { code: 'unreachable', hint: /host and port/ });
});
