import t from 'tap';
import { checkSegmentable } from '../../../src/engine/segment-run.js';
import { loadScenarioText } from '../../../src/scenario/index.js';
import { parseWorkers } from '../../../src/cli/workers.js';
import { GauntletError } from '../../../src/util/errors.js';

const scenario = (target: string, extra = '') =>
  loadScenarioText(`name: s\ntarget: ${target}\naccounts: { pattern: { username: 'u{n}', password: 'p{n}', count: 4 } }\nflow: [login]\n${extra}`, 's.yaml');

function refusal(work: () => unknown): string {
  try {
    work();
    return 'accepted';
  } catch (error) {
    return error instanceof GauntletError && error.code === 'usage' ? `${error.message} | ${error.hint}` : String(error);
  }
}

t.test('a lab target is refused for segments, with the way to share one server', async (t) => {
  t.match(refusal(() => checkSegmentable(scenario('{ lab: prosody }'), { index: 2, count: 4 })), /segment 2\/4: a lab target cannot be split.* \| .*gauntlet lab up prosody --keep/);
  t.equal(refusal(() => checkSegmentable(scenario('{ lab: prosody }'), { index: 1, count: 1 })), 'accepted', 'the whole scenario runs as ever');
  t.equal(refusal(() => checkSegmentable(scenario('{ domain: example.org, host: 127.0.0.1 }'), { index: 2, count: 4 })), 'accepted');
});

t.test('--workers takes a count or auto', async (t) => {
  t.equal(parseWorkers(undefined), 1);
  t.equal(parseWorkers('3'), 3);
  t.ok(parseWorkers('auto') >= 1);
  for (const bad of ['0', '-1', 'two', '1.5', '']) t.match(refusal(() => parseWorkers(bad)), /is not a number of processes \| .*auto/, bad);
});
