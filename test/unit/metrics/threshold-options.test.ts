import t from 'tap';
import { checkThreshold, parseThreshold, parseThresholds } from '../../../src/metrics/thresholds/parse.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

const MINIMAL = ['target: { domain: example.org }', 'accounts: { pattern: { password: secret } }', 'flow: [login]'];

function load(thresholds: string[]) {
  return loadScenarioText([...MINIMAL, 'thresholds:', ...thresholds].join('\n'), 'thresholds.yaml', { checkThreshold });
}

function problems(thresholds: string[]): string[] {
  try {
    load(thresholds);
    return [];
  } catch (error) {
    // One line per problem: `thresholds.yaml:LINE:COL: path: message`.
    return (error as Error).message.split('\n').flatMap((line) => /thresholds\.yaml:(\d+:\d+: .*)/.exec(line)?.[1] ?? []);
  }
}

t.test('the phase label is split off the key: the rest selects metrics, the phase selects the window', async (t) => {
  const threshold = parseThreshold('iq_rtt{ phase = "steady state", kind=ping }', 'p(99) < 50ms');
  t.match(threshold, { metric: 'iq_rtt{kind=ping,phase=steady_state}', selector: 'iq_rtt{kind=ping}', phase: 'steady_state', abortOnFail: false, delayAbortEvalMs: 0 });
  t.notOk('phase' in parseThreshold('login_total', 'max < 1s'));
});

t.test('k6 object form in YAML: abort_on_fail and delay_abort_eval decode beside plain strings', async (t) => {
  const scenario = load(["  login_total: ['p(95) < 1s', { threshold: 'p(99) < 2s', abort_on_fail: true, delay_abort_eval: 10s }]", "  'login_total{phase=warmup}': 'max < 5s'"]);
  t.same(scenario.thresholds, {
    login_total: ['p(95) < 1s', { expression: 'p(99) < 2s', abortOnFail: true, delayAbortEvalMs: 10_000 }],
    'login_total{phase=warmup}': ['max < 5s'],
  });
  const { thresholds } = parseThresholds(scenario.thresholds);
  t.same(
    thresholds.map((x) => [x.metric, x.expression, x.abortOnFail, x.delayAbortEvalMs, x.phase]),
    [
      ['login_total', 'p(95) < 1s', false, 0, undefined],
      ['login_total', 'p(99) < 2s', true, 10_000, undefined],
      ['login_total{phase=warmup}', 'max < 5s', false, 0, 'warmup'],
    ],
  );
});

t.test('mistakes in the object form are reported with their line', async (t) => {
  t.match(problems(["  login_total: [{ threshold: 'p(99) <', abort_on_fail: true }]"]), [/^5:30: thresholds\.login_total\[0\]\.threshold: expected a number, found the end of the expression at column 8/]);
  t.match(problems(["  login_total: [{ threshold: 'p(99) < 1s', abort_on_fial: true }]"]), [/^5:44: thresholds\.login_total\[0\]\.abort_on_fial: unknown key 'abort_on_fial'/]);
  t.match(problems(["  login_total: [{ threshold: 'p(99) < 1s', delay_abort_eval: soon }]"]), [/^5:62: thresholds\.login_total\[0\]\.delay_abort_eval: .*soon/]);
  t.match(problems(['  login_total: [{ abort_on_fail: true }]']), [/^5:17: thresholds\.login_total\[0\]: missing required key.*threshold/]);
});
