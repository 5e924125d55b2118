import t from 'tap';
import { Chalk } from 'chalk';
import { RESULT_FORMAT, type RunResult } from '../../../src/engine/result.js';
import { MetricsRegistry, encodeRegistry } from '../../../src/metrics/index.js';
import { renderSummary } from '../../../src/report/summary.js';

const plain = new Chalk({ level: 0 });

function result(overrides: Partial<RunResult> = {}): RunResult {
  const metrics = new MetricsRegistry({ startEpochMs: 1_700_000_000_000 });
  for (let ms = 1; ms <= 100; ms++) metrics.recordMs('message_e2e', ms);
  metrics.recordMs('login_total', 80);
  metrics.increment('stanzas_sent', { kind: 'message' }, 100);
  metrics.gauge('live_users').add(7);
  return {
    format: RESULT_FORMAT,
    tool: { name: 'xmpp-gauntlet', version: '0.1.0' },
    scenario: { name: 'chat' },
    environment: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 1 },
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', via: 'lab', lab: { kind: 'prosody', version: '0.12.3', variant: 'baseline', startupMs: 900 } },
    timings: { startedAt: '', endedAt: '', durationMs: 12_000, loadMs: 10_000, phases: [] },
    metrics: encodeRegistry(metrics),
    thresholds: [],
    errors: { total: 0, byKind: {}, sample: [] },
    interrupted: false,
    ...overrides,
  };
}

t.test('header, latency table with rates over the load phases, counters, no errors', async (t) => {
  const text = renderSummary(result(), plain);
  t.match(text, /^chat against a\.example \(lab prosody 0\.12\.3, baseline\) — 12\.00s, load 10\.00s, peak users 7\n/);
  t.match(text, /latency +count +per s +min +p50 +p90 +p99 +p99\.9 +max\n/);
  t.match(text, /message_e2e +100 +10\.0 +1\.0ms +50\.0ms +90\.0ms +99\.0ms +100ms +100ms\n/);
  t.match(text, /login_total +1 +0\.1 +80\.0ms/);
  t.match(text, /stanzas_sent\{kind=message\} +100 +10\.0\n/);
  t.match(text, /errors: none\n$/);
  t.notMatch(text, /\x1b/, 'no colour when the stream has none');
});

t.test('thresholds with their verdicts, errors with the first sample, the interrupted mark', async (t) => {
  const text = renderSummary(
    result({
      interrupted: true,
      thresholds: [
        { metric: 'message_e2e', expression: 'p(99) < 50ms', observed: 99.04, unit: 'ms', ok: false },
        { metric: 'connections_failed', expression: 'count == 0', observed: 0, unit: 'number', ok: true },
      ],
      errors: { total: 3, byKind: { timeout: 2, auth: 1 }, sample: [{ atMs: 10, kind: 'timeout', message: 'no reply in 10s', step: 'expect' }] },
    }),
    plain,
  );
  t.match(text, /\(interrupted\)/);
  t.match(text, /message_e2e: p\(99\) < 50ms +99\.04ms +FAIL/);
  t.match(text, /connections_failed: count == 0 +0 +pass/);
  t.match(text, /errors: 3, most frequent first:\n  first: \[expect\] no reply in 10s/, 'an older result without groups shows its first error');
});

t.test('errors are grouped by kind, step and condition, most frequent first', async (t) => {
  const groups = [
    { kind: 'auth', step: 'login', condition: 'not-authorized', count: 2, message: 'not-authorized', firstAtMs: 5 },
    { kind: 'timeout', step: 'expect', condition: 'timeout', count: 23, message: 'no reply in 10s', firstAtMs: 10 },
  ];
  const text = renderSummary(result({ errors: { total: 25, byKind: { timeout: 23, auth: 2 }, sample: [], groups } }), new Chalk({ level: 0 }));
  t.match(text, /errors: 25, most frequent first:\n +23  timeout at expect \(timeout\): no reply in 10s\n +2  auth at login \(not-authorized\): not-authorized/);
});

t.test('a failed threshold is red on a colour stream', async (t) => {
  const text = renderSummary(result({ thresholds: [{ metric: 'm', expression: 'count == 0', observed: 1, unit: 'number', ok: false }] }), new Chalk({ level: 1 }));
  t.match(text, /\x1b\[31mFAIL\x1b\[39m/);
});

t.test('the verdict comes right under the header, naming what failed', async (t) => {
  const failed = renderSummary(
    result({ thresholds: [{ metric: 'health.logins', expression: 'failed logins <= 50%', observed: 1, unit: 'ratio', ok: false, note: '4 of 4 logins failed' }] }),
    plain,
  );
  t.match(failed, /^chat against .*\nFAILED — health\.logins: 4 of 4 logins failed\n/);
  t.match(renderSummary(result(), plain), /^chat against .*\nPASSED\n/);
});

t.test('every message is accounted for: delivered, in flight at close, bounced, not seen arriving', async (t) => {
  const metrics = new MetricsRegistry({ startEpochMs: 1_700_000_000_000 });
  for (let ms = 1; ms <= 90; ms++) metrics.recordMs('message_e2e', ms);
  metrics.increment('stanzas_sent', { kind: 'message' }, 100);
  metrics.increment('messages_in_flight_at_close', {}, 4);
  metrics.increment('messages_bounced', {}, 1);
  const text = renderSummary(result({ metrics: encodeRegistry(metrics) }), plain);
  t.match(text, /messages: 100 sent, 90 delivered, 4 in flight when their recipient closed, 1 bounced, 5 not seen arriving\n/);
});
