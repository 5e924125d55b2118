import t from 'tap';
import { formatDuration, parseDuration } from '../../../src/util/duration.js';

t.test('parses units and combinations into milliseconds', async (t) => {
  t.equal(parseDuration('500ms'), 500);
  t.equal(parseDuration('1.5s'), 1500);
  t.equal(parseDuration('1m30s'), 90_000);
  t.equal(parseDuration('250us'), 0.25);
  t.equal(parseDuration('2h'), 7_200_000);
  t.equal(parseDuration('42'), 42);
  t.equal(parseDuration(7), 7);
});

t.test('refuses what is not a duration, with a hint', async (t) => {
  for (const bad of ['', 'fast', '10 parsecs', '5x', '1m30', '-3s']) {
    t.throws(() => parseDuration(bad), { code: 'config', hint: /500ms/ }, bad);
  }
  t.throws(() => parseDuration(-1), { code: 'config' });
});

t.test('formats for people', async (t) => {
  t.equal(formatDuration(0.85), '850µs');
  t.equal(formatDuration(12.34), '12.3ms');
  t.equal(formatDuration(4200), '4.20s');
  t.equal(formatDuration(125_000), '2m05s');
});

t.test('accepts the Greek mu as well as the micro sign', async (t) => {
  t.equal(parseDuration('250µs'), 0.25);
  t.equal(parseDuration('250μs'), 0.25);
});

t.test('formatting picks the tier after rounding and reads back', async (t) => {
  t.equal(formatDuration(0), '0µs');
  t.equal(formatDuration(0.9996), '1.0ms');
  t.equal(formatDuration(99.96), '100ms');
  t.equal(formatDuration(999.6), '1.00s');
  t.equal(formatDuration(59_999), '1m00s');
  t.equal(formatDuration(3_599_600), '1h00m00s');
  t.equal(formatDuration(3_725_000), '1h02m05s');
  t.equal(formatDuration(-1500), '-1.50s');
  for (const ms of [0.25, 12.5, 4200, 125_000, 3_725_000]) {
    t.equal(parseDuration(formatDuration(ms)), ms, `round trip of ${ms}`);
  }
});
