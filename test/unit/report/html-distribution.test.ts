import t from 'tap';
import { LatencyHistogram } from '../../../src/metrics/index.js';
import { distributionValues, distributionXs, percentileOfX, TOP_X, xOfPercentile } from '../../../src/report/html/distribution.js';

t.test('x positions run from 0 % to 99.999 %, evenly spaced on a log axis', async (t) => {
  const xs = distributionXs();
  t.equal(xs[0], 1);
  t.ok(Math.abs(xs.at(-1)! - TOP_X) < 1e-6);
  t.ok(Math.abs(xs[20]! - 10) < 1e-9, 'one decade per 20 steps');
  t.ok(Math.abs(percentileOfX(xOfPercentile(99.9)) - 99.9) < 1e-9);
  t.equal(percentileOfX(1), 0);
});

t.test('values follow the histogram and stop where its count can no longer tell percentiles apart', async (t) => {
  const histogram = LatencyHistogram.create();
  for (let ms = 1; ms <= 1000; ms++) histogram.recordMs(ms);
  const xs = distributionXs();
  const values = distributionValues(histogram, xs);
  t.equal(values[0], histogram.minUs / 1000, '0 % is the minimum');
  const at90 = values[20]!; // x = 10
  t.ok(at90 >= 899 && at90 <= 902, `p90 ≈ 900 ms (${at90})`);
  const last = values.findLastIndex((value) => value !== null);
  t.ok(xs[last - 1]! <= 1000 && xs[last]! > 1000, 'the line ends one step past x = count');
  t.equal(values[last], histogram.maxUs / 1000, 'at the maximum');
  t.ok(values.slice(last + 1).every((value) => value === null));
  t.ok(values.slice(0, last + 1).every((value, i) => i === 0 || value! >= values[i - 1]!), 'never decreasing');
});

t.test('an empty histogram draws no line', async (t) => {
  t.ok(distributionValues(LatencyHistogram.create(), distributionXs()).every((value) => value === null));
});
