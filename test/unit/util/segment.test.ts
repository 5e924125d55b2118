import t from 'tap';
import { formatSegment, globalIndex, owns, parseSegment, shareOf, stripe, stripeOf, type Segment } from '../../../src/util/segment.js';
import { GauntletError } from '../../../src/util/errors.js';

const shardsOf = (count: number): Segment[] => Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));

t.test('parses I/N and refuses anything else with a hint', async (t) => {
  t.same(parseSegment('2/4'), { index: 2, count: 4 });
  t.same(parseSegment(' 1 / 1 '), { index: 1, count: 1 });
  t.equal(formatSegment({ index: 3, count: 8 }), '3/8');
  for (const bad of ['0/4', '5/4', '1/0', '1:2', '1/2/3', '', 'a/b', '-1/2', '1.5/3']) {
    const error = (() => {
      try {
        parseSegment(bad);
      } catch (caught) {
        return caught;
      }
    })();
    t.ok(error instanceof GauntletError && error.code === 'usage' && /I\/N/.test(error.hint ?? ''), `${JSON.stringify(bad)} refused with a hint`);
  }
});

t.test('shares of a total add up to the total exactly and differ by at most one (many N and totals)', async (t) => {
  let cases = 0;
  for (let count = 1; count <= 17; count++) {
    for (let total = 0; total <= 300; total++) {
      const shares = shardsOf(count).map((segment) => shareOf(segment, total));
      const sum = shares.reduce((a, b) => a + b, 0);
      if (sum !== total || Math.max(...shares) - Math.min(...shares) > 1) t.fail(`N=${count} total=${total}: ${shares.join(',')}`);
      cases++;
    }
  }
  t.pass(`${cases} cases`);
  t.equal(shareOf({ index: 2, count: 4 }, Infinity), Infinity, 'no cap stays no cap');
});

t.test('a share never shrinks while the total grows (a ramp up never stops a shard\'s user)', async (t) => {
  for (let count = 1; count <= 12; count++) {
    for (const segment of shardsOf(count)) {
      for (let total = 0; total < 200; total++) {
        if (shareOf(segment, total + 1) < shareOf(segment, total)) t.fail(`${formatSegment(segment)} at ${total}`);
      }
    }
  }
  t.pass('monotone for N <= 12, totals < 200');
});

t.test('every item has exactly one owner; local and global numbers correspond', async (t) => {
  for (let count = 1; count <= 13; count++) {
    const shards = shardsOf(count);
    for (let j = 0; j < 500; j++) {
      const owners = shards.filter((segment) => owns(segment, j));
      if (owners.length !== 1) t.fail(`N=${count} j=${j}: ${owners.length} owners`);
    }
    for (const segment of shards) {
      for (let local = 0; local < shareOf(segment, 100); local++) if (!owns(segment, globalIndex(segment, local))) t.fail('global of local not owned');
    }
  }
  t.pass('for N <= 13');
});

t.test('stripes of a list (accounts) and of a schedule (arrivals) partition it exactly', async (t) => {
  for (let count = 1; count <= 9; count++) {
    for (const length of [0, 1, 2, 7, 64, 101]) {
      const all = Array.from({ length }, (_, i) => `user${i + 1}`);
      const parts = shardsOf(count).map((segment) => stripe(segment, all));
      t.same(parts.flat().sort(), [...all].sort(), `N=${count}, ${length} accounts`);
      t.same(parts.map((part) => part.length), shardsOf(count).map((segment) => shareOf(segment, length)), 'each stripe is its share');
      const schedule = all.map((_, i) => i * 12.5);
      const merged = shardsOf(count).flatMap((segment) => [...stripeOf(segment, schedule)]).sort((a, b) => a - b);
      t.same(merged, schedule, 'the union of the arrival schedules is the unsharded one, at the same times');
    }
  }
});
