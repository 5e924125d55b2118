import t from 'tap';
import { Chalk } from 'chalk';
import { Writable } from 'node:stream';
import { ErrorLog } from '../../../src/engine/error-log.js';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { formatClock, plannedMs, progressObserver, renderProgress } from '../../../src/report/progress.js';
import type { Phase } from '../../../src/scenario/index.js';

const plain = new Chalk({ level: 0 });
const snapshot = { phase: 'ramp', phaseIndex: 1, phaseCount: 3, elapsedMs: 65_400, plannedMs: 180_000, users: 120, messagesPerSecond: 340.4, errors: 0 };

t.test('a progress line: phase, elapsed/planned and what is left, users, msgs/s, latency, errors', async (t) => {
  t.equal(
    renderProgress({ ...snapshot, latency: { metric: 'message_e2e', p50Ms: 3.14, p99Ms: 41.7 } }, plain),
    '[2/3 ramp] 1:05/3:00 (1:55 left)  users 120  msgs/s 340  message_e2e p50 3.1ms p99 41.7ms  errors 0',
  );
  t.equal(renderProgress({ ...snapshot, plannedMs: undefined, errors: 4 }, plain), '[2/3 ramp] 1:05  users 120  msgs/s 340  errors 4');
});

t.test('errors are red only where colour is on', async (t) => {
  t.match(renderProgress({ ...snapshot, errors: 4 }, new Chalk({ level: 1 })), /\x1b\[31merrors 4\x1b\[39m/);
  t.notMatch(renderProgress({ ...snapshot, errors: 4 }, plain), /\x1b/);
});

t.test('clock format', async (t) => {
  t.equal(formatClock(0), '0:00');
  t.equal(formatClock(59_999), '0:59');
  t.equal(formatClock(3_723_000), '1:02:03');
});

t.test('planned length of each kind of phase', async (t) => {
  t.equal(plannedMs({ executor: 'constant-users', name: 'p', users: 1, iterations: 1 } as Phase), undefined);
  t.equal(plannedMs({ executor: 'constant-arrival-rate', name: 'p', rate: 1, durationMs: 5000, maxUsers: 1 } as Phase), 5000);
  const stages = [{ durationMs: 1000, target: 1 }, { durationMs: 2000, target: 0 }];
  t.equal(plannedMs({ executor: 'ramping-users', name: 'p', startUsers: 0, stages, gracefulStopMs: undefined } as Phase), 3000);
});

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const out = Object.assign(new Writable({ write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) }), { isTTY });
  return { out, chunks };
}

async function observe(isTTY: boolean) {
  const { out, chunks } = capture(isTTY);
  const observer = progressObserver(out, plain, { ttyEveryMs: 20, plainEveryMs: 20 });
  const metrics = new MetricsRegistry();
  metrics.gauge('live_users').add(3);
  metrics.recordMs('login_total', 80);
  observer.phaseStarted({ executor: 'constant-users', name: 'steady', users: 3, durationMs: 60_000 } as Phase, 0, 1);
  const stop = observer.watch(metrics, new ErrorLog(Date.now()));
  await new Promise((resolve) => setTimeout(resolve, 70));
  stop();
  return chunks;
}

t.test('on a terminal the line is rewritten in place and cleared at the end', async (t) => {
  const chunks = await observe(true);
  t.ok(chunks.length >= 3);
  t.match(chunks[0], /^\r\x1b\[2K\[1\/1 steady\] 0:00\/1:00 \(1:00 left\)  users 3  msgs\/s 0  login_total p50 80\.\dms p99 80\.\dms  errors 0$/);
  t.equal(chunks.at(-1), '\r\x1b[2K');
  t.notOk(chunks.some((chunk) => chunk.includes('\n')), 'no new lines');
});

t.test('elsewhere, plain lines: one per phase and one per period', async (t) => {
  const chunks = await observe(false);
  t.equal(chunks[0], 'phase 1/1: steady (constant-users)\n');
  t.ok(chunks.length >= 2);
  t.ok(chunks.slice(1).every((chunk) => /^\[1\/1 steady\].*\n$/.test(chunk)));
  t.notOk(chunks.some((chunk) => chunk.includes('\r')), 'no carriage returns');
});
