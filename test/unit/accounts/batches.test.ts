import t from 'tap';
import { inBatches } from '../../../src/accounts/batches.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

t.test('runs every item with at most `limit` at once', async (t) => {
  let running = 0;
  let peak = 0;
  const outcome = await inBatches([1, 2, 3, 4, 5, 6, 7], 3, async () => {
    peak = Math.max(peak, ++running);
    await tick();
    running--;
  });
  t.equal(peak, 3);
  t.same([...outcome.done].sort(), [1, 2, 3, 4, 5, 6, 7]);
  t.equal(outcome.failure, undefined);
});

t.test('stops starting tasks after the first failure and reports it', async (t) => {
  const started: number[] = [];
  const outcome = await inBatches([1, 2, 3, 4, 5], 1, async (item) => {
    started.push(item);
    if (item === 2) throw new Error('boom');
  });
  t.same(started, [1, 2]);
  t.same(outcome.done, [1]);
  t.match(outcome.failure, { message: 'boom' });
});

t.test('keepGoing runs everything despite failures', async (t) => {
  const outcome = await inBatches([1, 2, 3], 2, async (item) => {
    if (item === 1) throw new Error('first');
  }, { keepGoing: true });
  t.same([...outcome.done].sort(), [2, 3]);
  t.match(outcome.failure, { message: 'first' });
});

t.test('an aborted signal stops new tasks', async (t) => {
  const controller = new AbortController();
  const outcome = await inBatches([1, 2, 3], 1, async (item) => {
    if (item === 1) controller.abort();
  }, { signal: controller.signal });
  t.same(outcome.done, [1]);
});
