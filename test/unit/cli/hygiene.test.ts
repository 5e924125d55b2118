import t from 'tap';
import { stderrPaint, stdoutPaint } from '../../../src/cli/colours.js';
import { scenarioEnvironment } from '../../../src/cli/env-option.js';
import { scaffoldScenario } from '../../../src/cli/scaffold.js';
import { fitWidth } from '../../../src/report/progress.js';
import { loadScenarioText, outlineScenario } from '../../../src/scenario/index.js';
import { checkThreshold } from '../../../src/metrics/index.js';

t.test('NO_COLOR (any non-empty value) turns colour off on both streams', async (t) => {
  t.equal(stdoutPaint({ NO_COLOR: '1' }).red('x'), 'x');
  t.equal(stderrPaint({ NO_COLOR: 'yes' }).level, 0);
});

t.test('the progress line is cut to the terminal width, colour codes not counted', async (t) => {
  const line = `\x1b[1m[1/2 ramp]\x1b[22m 0:05/0:30  users 12  msgs/s 340  message_e2e p50 1.2ms p99 9.8ms  errors 0`;
  t.equal(fitWidth(line, 200), line, 'fits: unchanged');
  t.equal(fitWidth(line, undefined), line, 'not a terminal: unchanged');
  const cut = fitWidth(line, 40);
  t.equal(cut.length, 39, 'one column short of the width, so the cursor never wraps');
  t.match(cut, /^\[1\/2 ramp\] 0:05\/0:30 .*…$/);
});

t.test('-e NAME=VALUE sets ${env:NAME}, over the environment; a malformed pair is a usage error', async (t) => {
  t.same(scenarioEnvironment(['A=1', 'B=x=y', 'EMPTY='], { A: '0', C: 'c' }), { A: '1', B: 'x=y', EMPTY: '', C: 'c' });
  t.throws(() => scenarioEnvironment(['no-equals']), { code: 'usage', message: /-e no-equals is not NAME=VALUE/ });
});

t.test('gauntlet init writes a valid, explained scenario for the domain', async (t) => {
  const scenario = loadScenarioText(scaffoldScenario('example.org'), 'example.org.yaml', { env: { LOAD_PASSWORD: 'x' }, checkThreshold });
  const outline = outlineScenario(scenario);
  t.match(outline, /^example\.org-load: valid\n/);
  t.match(outline, /target +example\.org \(host and port from DNS SRV\), tls starttls/);
  t.match(outline, /phase 1 +ramp \(ramping-users\): users 0 → 20 \(30\.00s\)/);
  t.match(outline, /phase 2 +hold \(constant-users\): 20 users for 2m00s/);
  t.match(outline, /flow +login, presence, loop\(message, think\), disconnect/);
});
