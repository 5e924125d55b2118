import t from 'tap';
import { MAX_PAST_MS, parseStartAt, waitForStart } from '../../../src/cli/start-at.js';
import { GauntletError } from '../../../src/util/errors.js';

const NOW = Date.parse('2026-12-07T05:00:00Z');

function refused(text: string): string {
  try {
    parseStartAt(text, NOW);
    return 'accepted';
  } catch (error) {
    return error instanceof GauntletError && error.code === 'usage' ? `${error.message} | ${error.hint}` : String(error);
  }
}

t.test('ISO times with a zone and epoch ms are read; the rest refused with a hint', async (t) => {
  t.equal(parseStartAt('2026-12-07T05:00:30Z', NOW), NOW + 30_000);
  t.equal(parseStartAt('2026-12-07T06:00:30+01:00', NOW), NOW + 30_000);
  t.equal(parseStartAt(String(NOW + 5000), NOW), NOW + 5000);
  t.match(refused('2026-12-07T05:00:30'), /is not a time \| .*zone/, 'no zone: ambiguous between machines');
  t.match(refused('tomorrow'), /is not a time/);
  t.match(refused(String(NOW + 8 * 24 * 3600_000)), /more than a week away/);
});

t.test('a time far in the past is refused; a little late is accepted', async (t) => {
  t.match(refused(new Date(NOW - MAX_PAST_MS - 1000).toISOString()), /in the past \| .*future/);
  t.equal(parseStartAt(new Date(NOW - 5000).toISOString(), NOW), NOW - 5000);
});

t.test('waiting says so and ends at the time; a passed time is said and not waited for', async (t) => {
  const said: string[] = [];
  const at = Date.now() + 300;
  await waitForStart(at, new AbortController().signal, (line) => said.push(line));
  t.ok(Date.now() >= at, 'not before the time');
  t.match(said[0], /^waiting \d+ms for --start-at /);
  const late: string[] = [];
  await waitForStart(Date.now() - 2000, new AbortController().signal, (line) => late.push(line));
  t.match(late, [/--start-at passed 2\.\d\ds ago .*behind the other shards/]);
});
