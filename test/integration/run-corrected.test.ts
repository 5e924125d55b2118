import t from 'tap';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { decodeMetrics, summary } from '../../src/metrics/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';

const outDir = () => mkdtempSync(join(tmpdir(), 'gauntlet-run-'));

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

t.test('a loop with a rate paces each user and records the corrected twin', async (t) => {
  const scenario = loadScenarioText(
    `name: paced
target: { lab: prosody }
accounts: { lab: { count: 2 } }
load:
  phases:
    - { executor: constant-users, users: 2, iterations: 1, duration: 30s }
flow:
  - login
  - presence
  - loop:
      count: 20
      rate: 20
      steps:
        - message: { to: self }
        - expect: "<message><body>*</body></message>"
`,
    'paced.yaml',
    { env: {} },
  );
  const started = Date.now();
  const { result } = await runScenario(scenario, { version: 'test', out: outDir() });
  const metrics = decodeMetrics(result.metrics);
  t.equal(summary(metrics, 'message_e2e')?.count, 40, 'each user sent its 20 paced messages');
  t.equal(summary(metrics, 'message_e2e.corrected')?.count, 40, 'each measured from its scheduled time too');
  t.ok(Date.now() - started >= 950, 'twenty passes at 20/s take at least 19 intervals');
  const dropped = metrics.counterTotal('dropped_arrivals{step=loop}') ?? 0;
  t.ok(dropped <= 2, `a fast server leaves (almost) no slot unused (${dropped} dropped)`);
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
