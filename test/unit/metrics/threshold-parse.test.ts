import t from 'tap';
import { ThresholdSyntaxError } from '../../../src/metrics/thresholds/errors.js';
import { checkThreshold, parseThreshold, parseThresholds, parseThresholdsOrThrow } from '../../../src/metrics/thresholds/parse.js';

t.test('valid thresholds', async (t) => {
  const cases: [string, object][] = [
    ['p(99) < 500ms', { aggregation: { kind: 'percentile', percentile: 99 }, comparison: '<', limit: 500, limitHasUnit: true }],
    ['p(95)<=200', { aggregation: { kind: 'percentile', percentile: 95 }, comparison: '<=', limit: 200, limitHasUnit: false }],
    ['p(99.9) < 1m30s', { aggregation: { kind: 'percentile', percentile: 99.9 }, limit: 90_000 }],
    ['avg < 1s', { aggregation: { kind: 'avg' }, limit: 1000 }],
    ['max < 2s', { aggregation: { kind: 'max' }, limit: 2000 }],
    ['min >= 250us', { aggregation: { kind: 'min' }, comparison: '>=', limit: 0.25 }],
    ['med < 1.5µs', { aggregation: { kind: 'med' }, limit: 0.0015 }],
    ['count > 100', { aggregation: { kind: 'count' }, comparison: '>', limit: 100 }],
    ['count == 0', { aggregation: { kind: 'count' }, comparison: '==', limit: 0 }],
    ['rate < 0.01', { aggregation: { kind: 'rate' }, limit: 0.01 }],
    ['ratio(stanzas_sent) < 1%', { aggregation: { kind: 'ratio', denominator: 'stanzas_sent' }, limit: 0.01 }],
    ['ratio( stanzas_sent{kind=message} ) != .5', { aggregation: { kind: 'ratio', denominator: 'stanzas_sent{kind=message}' }, comparison: '!=', limit: 0.5 }],
    ['value > 9', { aggregation: { kind: 'value' }, comparison: '>', limit: 9 }],
  ];
  for (const [expression, expected] of cases) {
    t.match(parseThreshold('message_e2e', expression), { metric: 'message_e2e', expression, ...expected }, expression);
  }
  t.equal(parseThreshold(' iq_rtt{ kind = ping } ', 'avg < 5').metric, 'iq_rtt{kind=ping}', 'metric keys are canonical');
});

t.test('invalid thresholds point at the problem and say what to write', async (t) => {
  const cases: [string, number, RegExp, RegExp][] = [
    ['p99 < 5ms', 1, /unknown aggregation "p99"/, /p\(99\)/],
    ['p(99) < 5xs', 9, /unknown unit in "5xs"/, /"xs" is not one of/],
    ['p(99) = 5', 7, /"=" is not a comparison/, /==/],
    ['avg < 500 ms', 11, /unexpected "ms" after the limit/, /without a space/],
    ['count < 5ms', 9, /count is not a duration/, /plain number/],
    ['rate(errors) < 0.01', 1, /rate takes no argument/, /ratio\(other_counter\)/],
    ['p(120) < 1s', 3, /percentile 120 is not between 0 and 100/, /p\(95\)/],
    ['p 99 < 1s', 3, /expected "\(", found "99"/, /p\(99\)/],
    ['avg <', 6, /expected a number, found the end of the expression/, /500ms/],
    ['avg 5ms', 5, /expected a comparison, found "5ms"/, /<=/],
    ['', 1, /expected an aggregation, found the end/, /p\(95\)/],
    ['median < 1s', 1, /unknown aggregation "median"/, /med/],
    ['avg < 1s && max < 2s', 10, /unexpected "&"/, /p\(99\) < 500ms/],
    ['avg < 1s max < 2s', 10, /unexpected "max" after the limit/, /./],
    ['avg < 5%', 7, /percentage only fits ratio/, /500ms/],
    ['ratio(1) < 5', 7, /expected a metric name, found "1"/, /ratio\(stanzas_sent\)/],
    ['avg < -5', 7, /negative limits/, /0 or more/],
  ];
  for (const [expression, column, message, hint] of cases) {
    const error = catchError(() => parseThreshold('message_e2e', expression));
    t.ok(error instanceof ThresholdSyntaxError, `${expression}: a ThresholdSyntaxError`);
    t.match(error, { code: 'config', column, metric: 'message_e2e', expression, message, hint }, expression);
  }
});

t.test('a spec is parsed whole, with every problem collected', async (t) => {
  const { thresholds, problems } = parseThresholds({
    message_e2e: ['p(99) < 500ms', 'avg < 100ms', 'p99 < 1s'],
    errors: 'rate < 0.01',
    connections_failed: ['count == 0'],
    'bad name': ['count == 0'],
    timeouts: [42 as unknown as string],
  });
  t.same(thresholds.map((threshold) => `${threshold.metric}: ${threshold.expression}`), [
    'message_e2e: p(99) < 500ms',
    'message_e2e: avg < 100ms',
    'connections_failed: count == 0',
  ]);
  t.equal(problems.length, 4);
  t.match(problems[0], { column: 1, message: /p99/ });
  t.match(problems[1], { code: 'config', message: /unknown metric 'errors'/ });
  t.match(problems[2], { code: 'config', message: /"bad name" is not a metric name/ });
  t.match(problems[3], { code: 'config', message: /must be a string/ });
});

t.test('a threshold on a metric no run records is refused, with the likely name', async (t) => {
  t.throws(() => parseThreshold('conections_failed', 'count == 0'), { code: 'config', message: /unknown metric 'conections_failed'/, hint: /did you mean 'connections_failed'/ });
  t.throws(() => parseThreshold('stanza_errors', 'ratio(stanza_sent) < 1%'), { message: /unknown metric 'stanza_sent'/, hint: /stanzas_sent/ });
  t.equal(parseThreshold('message_e2e.corrected{phase=steady}', 'p(99) < 1s').selector, 'message_e2e.corrected');
  t.equal(checkThreshold('count == 0', 'conections_failed'), "unknown metric 'conections_failed'; did you mean 'connections_failed'?");
  t.throws(() => parseThresholdsOrThrow({ conections_failed: 'count == 0', timeouts: 'p99 < 1' }), { code: 'config', message: /2 thresholds cannot be used:\n.*conections_failed.*\n.*p99/ });
});

t.test('checkThreshold suits the scenario loader: one line per problem', async (t) => {
  t.equal(checkThreshold('p(99) < 500ms', 'message_e2e'), undefined);
  t.equal(checkThreshold('p(99) < 5xs', 'message_e2e'), 'unknown unit in "5xs" at column 9; "xs" is not one of us, µs, ms, s, m, h (a bare number is ms)');
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
