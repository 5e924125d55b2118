import t from 'tap';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';

/** The bundled federation-load scenario as shipped, pointed at one lab server, with a short loop. */
function scenarioFor(server: 'prosody' | 'ejabberd', auth: 'dialback' | 'external') {
  const file = join('scenarios', 'federation-load.yaml');
  const text = readFileSync(file, 'utf8')
    .replace(/^(\s*)lab: prosody\b/m, `$1lab: ${server}`)
    .replace(/^(\s*)auth: dialback\b/m, `$1auth: ${auth}`)
    .replace(/duration: 15s/, 'duration: 4s');
  return loadScenarioText(text, file, { env: {} });
}

// Prosody with dialback and four peers linking at once is the case of the old stall (docs/s2s.md):
// its db:verify pipelined behind a stream header was answered before our header.
for (const [server, auth] of [['prosody', 'dialback'], ['prosody', 'external'], ['ejabberd', 'dialback']] as const) {
  t.test(`federation-load on ${server} (peers authenticate with ${auth})`, async (t) => {
    const { result } = await runScenario(scenarioFor(server, auth), { version: 'test', out: mkdtempSync(join(tmpdir(), 'gauntlet-federation-')) });
    const metrics = decodeMetrics(result.metrics);
    t.same(result.errors.byKind, {}, 'no errors');
    for (const threshold of result.thresholds) t.ok(threshold.ok, `threshold ${threshold.metric}: ${threshold.expression} (${threshold.observed})`);

    const toRemote = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
    const fromRemote = metrics.counterTotal('stanzas_sent{kind=message,side=s2s}') ?? 0;
    t.ok(toRemote >= 20, `local → remote messages sent (${toRemote})`);
    t.ok(fromRemote >= 20, `remote → local messages sent (${fromRemote})`);
    t.equal(metrics.latency('c2s_to_s2s_e2e')?.count, toRemote, 'every local → remote message reached its remote user');
    t.equal(metrics.latency('s2s_to_c2s_e2e')?.count, fromRemote, 'every remote → local message reached its local user');
    t.equal(metrics.latency('message_e2e')?.count ?? 0, 0, 'nothing counted as a local message');
    t.equal(metrics.latency('s2s_auth')?.count, 4, 'one authenticated link per peer domain');
    const p = (name: string, q: number) => `${((metrics.latency(name)?.valueAtPercentileUs(q) ?? 0) / 1000).toFixed(1)} ms`;
    t.comment(`${server}/${auth}: s2s→c2s p50 ${p('s2s_to_c2s_e2e', 50)} p99 ${p('s2s_to_c2s_e2e', 99)}; c2s→s2s p50 ${p('c2s_to_s2s_e2e', 50)} p99 ${p('c2s_to_s2s_e2e', 99)}; s2s_auth p50 ${p('s2s_auth', 50)}`);
  });
}

t.test('remote users send directed presence and ping local users (as: peer)', async (t) => {
  const text = `
target: { lab: prosody }
accounts: { lab: { username: 'pp{n}', password: 'pw-{n}', count: 4 } }
peers: { count: 2, users: 2 }
load: { phases: [{ executor: constant-users, users: 4, iterations: 1, duration: 1m }] }
flow:
  - login
  - presence
  - presence: { as: peer }
  - iq: { as: peer }
  - iq: { as: peer, request: ping }
  - wait: done
`;
  const { result } = await runScenario(loadScenarioText(text, 'as-peer.yaml', { env: {} }), { version: 'test', out: mkdtempSync(join(tmpdir(), 'gauntlet-as-peer-')) });
  const metrics = decodeMetrics(result.metrics);
  t.same(result.errors.byKind, {}, 'no errors');
  t.equal(metrics.latency('presence_e2e')?.count, 4, "each remote counterpart's presence reached its local user");
  t.equal(metrics.latency('iq_rtt{kind=ping,side=s2s}')?.count, 8, 'each ping from a remote user to a local session was answered over s2s');
});
