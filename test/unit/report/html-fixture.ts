import { RESULT_FORMAT, type RunResult } from '../../../src/engine/result.js';
import { ManualClock, MetricsRegistry, encodeRegistry } from '../../../src/metrics/index.js';
import { sampleCheck } from '../../fixtures/check-result.js';

export { sampleCheck };

/** A three-second run with raw and corrected e2e latencies, counters, a gauge and one phase. */
export function sampleResult(overrides: Partial<RunResult> = {}): RunResult {
  const clock = new ManualClock();
  const metrics = new MetricsRegistry({ clock, startEpochMs: 1_700_000_000_000 });
  const users = metrics.gauge('live_users');
  for (let second = 0; second < 3; second++) {
    users.add(2);
    for (let ms = 1; ms <= 100; ms++) {
      metrics.correctedLatency('message_e2e').recordFromIntended(0, 0, ms * 1000 * (second + 1));
      metrics.increment('stanzas_sent', { kind: 'message' });
    }
    metrics.recordMs('login_total', 80 + second);
    metrics.increment('stanza_errors', { condition: 'service-unavailable' });
    clock.advance(1000);
  }
  return {
    format: RESULT_FORMAT,
    tool: { name: 'xmpp-gauntlet', version: '0.1.0' },
    scenario: { name: 'chat', description: 'two users chat' },
    environment: { node: 'v20.0.0', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 8 * 1024 ** 3 },
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', via: 'lab', lab: { kind: 'prosody', version: '0.12.3', variant: 'baseline', startupMs: 900 } },
    timings: {
      startedAt: '2023-11-14T22:13:20.000Z',
      endedAt: '2023-11-14T22:13:23.000Z',
      durationMs: 3000,
      loadMs: 3000,
      phases: [{ name: 'steady', executor: 'constant-users', startedAt: '2023-11-14T22:13:20.000Z', endedAt: '2023-11-14T22:13:23.000Z', durationMs: 3000 }],
    },
    metrics: encodeRegistry(metrics),
    thresholds: [
      { metric: 'message_e2e', expression: 'p(99) < 500ms', observed: 297, unit: 'ms', ok: true },
      { metric: 'login_total', expression: 'max < 10ms', observed: 82, unit: 'ms', ok: false },
    ],
    errors: { total: 3, byKind: { 'stanza-error': 3 }, sample: [{ atMs: 1200, kind: 'stanza-error', message: 'service-unavailable from b@a.example', user: 'user1', step: 'message', condition: 'service-unavailable' }] },
    interrupted: false,
    ...overrides,
  };
}

/** What a hostile server (or a careless scenario author) might send. */
export const PAYLOAD = `</script><script>alert("xss")</script><img src=x onerror=alert(1)>`;
export const ESCAPED_PAYLOAD = '&lt;/script&gt;&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';

/** `result` with the payload in every field that comes from the server or the scenario. */
export function withHostileText(result: RunResult): RunResult {
  const phase = result.timings.phases[0];
  return {
    ...result,
    scenario: { name: PAYLOAD, description: PAYLOAD },
    target: { ...result.target, domain: PAYLOAD, lab: { kind: 'prosody', version: PAYLOAD, variant: PAYLOAD, startupMs: 1 } },
    timings: { ...result.timings, phases: phase ? [{ ...phase, name: PAYLOAD, executor: PAYLOAD }] : [] },
    thresholds: [{ metric: PAYLOAD, expression: PAYLOAD, observed: null, unit: 'ms', ok: false, note: PAYLOAD }],
    errors: {
      total: 1,
      byKind: { [PAYLOAD]: 1 },
      sample: [{ atMs: 5, kind: 'stream-error', message: `stream error: ${PAYLOAD}`, user: PAYLOAD, step: PAYLOAD, condition: PAYLOAD }],
    },
    checks: [
      sampleCheck({
        id: PAYLOAD,
        title: PAYLOAD,
        verdict: 'fail',
        reason: `the server said ${PAYLOAD}`,
        spec: [{ doc: PAYLOAD, section: PAYLOAD }],
        wire: [{ atMs: 1, dir: 'in', conn: PAYLOAD, text: `<stream:error><text>${PAYLOAD}</text></stream:error>` }],
      }),
    ],
  };
}

/** The sample run made hostile, with a wire value in a metric label too. */
export function hostileResult(): RunResult {
  const metrics = new MetricsRegistry({ startEpochMs: 1_700_000_000_000 });
  metrics.recordMs('message_e2e', 3);
  metrics.increment('stanza_errors', { condition: PAYLOAD }); // label values come from the wire
  return withHostileText({ ...sampleResult(), metrics: encodeRegistry(metrics) });
}
