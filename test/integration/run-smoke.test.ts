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
  t.same(written.errors, { total: 0, byKind: {}, sample: [] }, 'no errors');
  t.equal(written.target.lab?.kind, 'prosody');
  const metrics = decodeMetrics(written.metrics);
  t.equal(metrics.latency('login_total')?.count, 2, 'one login per user');
  t.equal(metrics.latency('message_e2e')?.count, 2, 'one message received per user');
  t.notMatch(readFileSync(file, 'utf8'), /"pw1"|"pw2"/, 'no password in the result');
});
