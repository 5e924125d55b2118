/** Shards of a phase run on virtual time: their union is the unsharded phase, arrival for arrival and user for user. */
import t from 'tap';
import { PhaseRunner, runPhase } from '../../../src/executors/index.js';
import type { Phase } from '../../../src/scenario/types.js';
import { fakeRuntime, liveAt } from '../../helpers/fake-runtime.js';
import { shareOf } from '../../../src/util/segment.js';

const phase = (fields: Record<string, unknown>) => ({ name: 'p', ...fields }) as unknown as Phase;
const shards = (count: number) => Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));

async function run(phases: Phase[], segment?: { index: number; count: number }, maxUsers?: number) {
  const fake = fakeRuntime({ iterationMs: 40, segment, maxUsers });
  const runner = new PhaseRunner(fake.runtime);
  await fake.time.run((async () => {
    for (const [i, p] of phases.entries()) await runner.run(p, phases[i + 1]);
  })());
  return fake;
}

t.test('arrival rates: the shards\' intended starts together are the unsharded schedule', async (t) => {
  const ramp = phase({ executor: 'ramping-arrival-rate', startRate: 3, stages: [{ durationMs: 2000, target: 57 }, { durationMs: 1000, target: 0 }], maxUsers: 50 });
  const constant = phase({ executor: 'constant-arrival-rate', rate: 33, durationMs: 1500, maxUsers: 50 });
  for (const p of [ramp, constant]) {
    const whole = (await run([p])).log.started.map((s) => s.intended!);
    for (const count of [2, 3, 4, 7]) {
      const parts = await Promise.all(shards(count).map(async (segment) => (await run([p], segment)).log.started.map((s) => s.intended!)));
      t.same(parts.flat().sort((a, b) => a - b), whole, `${p.executor}, ${count} shards: ${whole.length} arrivals`);
      t.ok(Math.max(...parts.map((x) => x.length)) - Math.min(...parts.map((x) => x.length)) <= 1, 'spread evenly');
    }
  }
});

t.test('closed models: live users of the shards add up to the unsharded count at every moment', async (t) => {
  const phases = [
    phase({ executor: 'ramping-users', startUsers: 0, stages: [{ durationMs: 1000, target: 13 }, { durationMs: 1000, target: 5 }] }),
    phase({ executor: 'constant-users', users: 9, durationMs: 500 }),
  ];
  const whole = await run(phases);
  for (const count of [2, 3, 4, 5]) {
    const parts = await Promise.all(shards(count).map((segment) => run(phases, segment)));
    for (const ms of [100, 480, 990, 1500, 1990, 2300]) {
      const sum = parts.reduce((total, part) => total + liveAt(part.log, ms), 0);
      t.equal(sum, liveAt(whole.log, ms), `${count} shards at ${ms} ms: ${sum} users`);
    }
  }
});

t.test('constant-users with iterations and a max_users cap (each shard capped at its share): the shards run exactly the unsharded iterations', async (t) => {
  const p = phase({ executor: 'constant-users', users: 11, iterations: 3 });
  const whole = await run([p], undefined, 7);
  for (const count of [2, 3, 4]) {
    const parts = await Promise.all(shards(count).map((segment) => run([p], segment, shareOf(segment, 7))));
    t.equal(parts.reduce((n, part) => n + part.log.started.length, 0), whole.log.started.length, `${count} shards: ${whole.log.started.length} iterations`);
  }
  const alone = await runFake(p);
  t.equal(alone, 33, 'uncapped: 11 users × 3');
});

async function runFake(p: Phase): Promise<number> {
  const fake = fakeRuntime({ iterationMs: 10 });
  await fake.time.run(runPhase(p, fake.runtime));
  return fake.log.started.length;
}
