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
