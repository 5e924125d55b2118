import t from 'tap';
import { formatProblem, loadScenarioText, ScenarioError } from '../../../src/scenario/index.js';
import { DEFAULT_LIMITS, configureLimits, configureScenarioLimits, parseLimit, streamLimits } from '../../../src/xmpp/limits.js';

const BASE = ['target: { domain: example.org }', 'accounts: { pattern: { password: pw } }', 'flow: [login]'];
const load = (options: string) => loadScenarioText([...BASE, `options: ${options}`].join('\n'), 'limits.yaml');

function refusal(options: string): string[] {
  try {
    load(options);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((problem) => formatProblem('limits.yaml', problem));
    throw error;
  }
  throw new Error('the scenario was accepted');
}

t.test('options.limits: snake_case names, sizes with k/m, decoded to the bounds of src/xmpp/limits.ts', async (t) => {
  const scenario = load('{ limits: { max_element_bytes: 512KB, max_depth: 20, max_children: 50000, max_wire_log_bytes: 1m, header_timeout_ms: 5000 } }');
  t.same(scenario.options.limits, { maxElementBytes: 512 * 1024, maxDepth: 20, maxChildren: 50_000, maxWireLogBytes: 1024 * 1024, headerTimeoutMs: 5000 });
  t.equal(load('{ quiet: true }').options.limits, undefined, 'absent: the defaults apply');
});

t.test('options.limits refuses unknown names and values that are not positive whole numbers', async (t) => {
  t.match(refusal('{ limits: { max_element_size: 1m } }').join('\n'), /max_element_size/);
  t.match(refusal('{ limits: { max_depth: 0 } }').join('\n'), /max_depth/);
  t.match(refusal('{ limits: { max_depth: -3 } }').join('\n'), /max_depth/);
  t.match(refusal('{ limits: { max_element_bytes: lots } }').join('\n'), /options\.limits\.max_element_bytes: wants a positive whole number, not "lots"/);
  t.match(refusal('{ limits: { max_element_bytes: 2.5m } }').join('\n'), /max_element_bytes/);
});

t.test('the command line wins over the scenario; a later scenario replaces an earlier one', async (t) => {
  t.teardown(() => {
    configureScenarioLimits({});
  });
  configureScenarioLimits(load('{ limits: { max_element_bytes: 512k, max_depth: 20 } }').options.limits!);
  t.equal(streamLimits().maxElementBytes, 512 * 1024);
  t.equal(streamLimits().maxDepth, 20);
  configureLimits(parseLimit('maxDepth=30'));
  t.equal(streamLimits().maxDepth, 30, '--limit wins');
  t.equal(streamLimits().maxElementBytes, 512 * 1024, 'the scenario still sets what the command line does not');
  configureScenarioLimits({ maxDepth: 10, maxFeatures: 8 });
  t.equal(streamLimits().maxDepth, 30, '--limit still wins');
  t.equal(streamLimits().maxFeatures, 8);
  t.equal(streamLimits().maxElementBytes, DEFAULT_LIMITS.maxElementBytes, 'the earlier scenario no longer counts');
});

t.test('--limit values read the same grammar', async (t) => {
  t.same(parseLimit('maxElementBytes=512KB'), { maxElementBytes: 512 * 1024 });
  t.same(parseLimit('maxElementBytes=2m'), { maxElementBytes: 2 * 1024 * 1024 });
  t.throws(() => parseLimit('maxDepth=2.5'), /positive whole number/);
});
