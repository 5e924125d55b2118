import t from 'tap';
import { Barriers } from '../../../src/steps/barriers.js';
import { IterationAbortedError } from '../../../src/steps/abortable.js';
import { StepFailure } from '../../../src/steps/failures.js';

const signal = new AbortController().signal;

t.test('opens when every live user has arrived', async (t) => {
  let live = 3;
  const barriers = new Barriers(() => live);
  const opened: number[] = [];
  const first = barriers.arrive('sync', { signal }).then(() => opened.push(1));
  const second = barriers.arrive('sync', { signal }).then(() => opened.push(2));
  await new Promise((resolve) => setImmediate(resolve));
  t.same(opened, [], 'two of three are not enough');
  t.equal(barriers.waitingAt('sync'), 2);
  await barriers.arrive('sync', { signal });
  await Promise.all([first, second]);
  t.same(opened.sort(), [1, 2]);
  t.equal(barriers.waitingAt('sync'), 0);
  live = 1;
  await t.resolves(barriers.arrive('sync', { signal }), 'the same name is reusable for a new round');
});

t.test('re-evaluates when a user leaves', async (t) => {
  let live = 2;
  const barriers = new Barriers(() => live);
  const waiting = barriers.arrive('b', { signal });
  live = 1;
  barriers.reevaluate();
  await t.resolves(waiting, 'the remaining user was released');
});

t.test('barriers with different names are independent', async (t) => {
  const barriers = new Barriers(() => 2);
  const x = barriers.arrive('x', { signal });
  const y = barriers.arrive('y', { signal });
  t.equal(barriers.waitingAt('x'), 1);
  t.equal(barriers.waitingAt('y'), 1);
  await Promise.all([x, barriers.arrive('x', { signal })]);
  t.equal(barriers.waitingAt('y'), 1, 'y still waits');
  await Promise.all([y, barriers.arrive('y', { signal })]);
});

t.test('times out with a StepFailure and stops counting the waiter', async (t) => {
  const barriers = new Barriers(() => 2);
  const error = await barriers.arrive('slow', { signal, timeoutMs: 20 }).catch((e: unknown) => e);
  t.ok(error instanceof StepFailure);
  t.equal((error as StepFailure).kind, 'timeout');
  t.equal(barriers.waitingAt('slow'), 0);
});

t.test('an abort rejects promptly with IterationAbortedError', async (t) => {
  const barriers = new Barriers(() => 2);
  const controller = new AbortController();
  const started = Date.now();
  const waiting = barriers.arrive('never', { signal: controller.signal, timeoutMs: 10_000 });
  setTimeout(() => controller.abort(), 10);
  await t.rejects(waiting, IterationAbortedError);
  t.ok(Date.now() - started < 1000);
  t.equal(barriers.waitingAt('never'), 0);
});
