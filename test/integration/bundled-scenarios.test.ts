import t, { type Test } from 'tap';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import type { RunResult } from '../../src/engine/result.js';
import { decodeMetrics, type DecodedMetrics } from '../../src/metrics/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';

/** Runs a bundled scenario as shipped, only pointed at the given lab server kind. */
async function runBundled(name: string, server: 'prosody' | 'ejabberd'): Promise<{ result: RunResult; metrics: DecodedMetrics }> {
  const file = join('scenarios', `${name}.yaml`);
  const text = readFileSync(file, 'utf8').replace(/^(\s*)lab: prosody\b/m, `$1lab: ${server}`);
  const scenario = loadScenarioText(text, file, { env: {} });
  const { result } = await runScenario(scenario, { version: 'test', out: mkdtempSync(join(tmpdir(), `gauntlet-${name}-`)) });
  return { result, metrics: decodeMetrics(result.metrics) };
}

function cleanRun(t: Test, result: RunResult): void {
  t.same(result.errors.byKind, {}, 'no errors');
  for (const threshold of result.thresholds) t.ok(threshold.ok, `threshold ${threshold.metric}: ${threshold.expression} (${threshold.observed})`);
}

for (const server of ['prosody', 'ejabberd'] as const) {
  t.test(`${server}: smoke`, async (t) => {
    const { result, metrics } = await runBundled('smoke', server);
    cleanRun(t, result);
    t.equal(result.target.lab?.kind, server);
    t.equal(metrics.latency('message_e2e')?.count, 2, 'both messages measured end to end');
  });

  t.test(`${server}: chat-load delivers every message and measures each`, async (t) => {
    const { result, metrics } = await runBundled('chat-load', server);
    cleanRun(t, result);
    const sent = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
    t.ok(sent > 100, `messages sent (${sent})`);
    t.equal(metrics.latency('message_e2e')?.count, sent, 'every message arrived and was measured');
    t.equal(metrics.latency('login_total')?.count, 20, 'one login per user');
  });

  t.test(`${server}: offline messages are stored and flushed with a delay stamp`, async (t) => {
    const { result, metrics } = await runBundled('offline', server);
    cleanRun(t, result);
    t.equal(metrics.latency('offline_delivery')?.count, 15, 'three stored messages for each of five users');
  });

  t.test(`${server}: login storm at a ramping arrival rate`, async (t) => {
    const { result, metrics } = await runBundled('login-storm', server);
    cleanRun(t, result);
    const logins = metrics.latency('login_total')?.count ?? 0;
    t.ok(logins >= 190 && logins <= 210, `about 200 arrivals over the ramp (${logins})`);
    t.equal(metrics.latency('login_total.corrected')?.count, logins, 'each login also recorded from its intended start');
    t.equal(metrics.counterTotal('dropped_arrivals') ?? 0, 0);
  });
}
