import t from 'tap';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { decodeMetrics, summary } from '../../src/metrics/index.js';
import { loadScenarioFile, loadScenarioText } from '../../src/scenario/index.js';

const scenarioFile = new URL('../../scenarios/two-servers.yaml', import.meta.url).pathname;

t.test('users on lab Prosody and lab ejabberd message each other across federation', async (t) => {
  const scenario = await loadScenarioFile(scenarioFile, { env: {} });
  const { result } = await runScenario(scenario, { version: 'test', out: mkdtempSync(join(tmpdir(), 'gauntlet-two-')) });
  const metrics = decodeMetrics(result.metrics);
  t.match(result.target, { lab: { kind: 'prosody' }, federatedWith: { kind: 'ejabberd', domain: /ejabberd/ } });
  t.equal(metrics.gaugeReading('live_users')?.max, 20, 'ten users on each server were online together');
  const federated = { count: ['target', 'federate_with'].reduce((total, from) => total + (metrics.counterTotal(`federated_delivered{from=${from}}`) ?? 0), 0) };
  const local = summary(metrics, 'message_e2e');
  t.equal(metrics.counterTotal('federated_lost{from=target}'), 0, 'no crossing message lost');
  const sent = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
  t.ok(sent >= 300, `messages were sent (${sent})`);
  t.ok((federated?.count ?? 0) > sent / 4, `a good share crossed servers (${federated?.count} of ${sent})`);
  t.ok((local?.count ?? 0) > sent / 4, `and a good share stayed local (${local?.count})`);
  t.equal((federated?.count ?? 0) + (local?.count ?? 0), sent, 'every message was delivered and measured');
  t.same(result.errors.byKind, {}, 'no errors');
  t.ok(result.thresholds.every((threshold) => threshold.ok), 'thresholds pass');
});

t.test('federate_with must name the other kind of server', async (t) => {
  const text = 'target: { lab: prosody, federate_with: prosody }\naccounts: { lab: { count: 2 } }\nflow: [login]\n';
  t.throws(() => loadScenarioText(text, 'two.yaml', { env: {} }), /federate_with must name the other kind of server/);
});
