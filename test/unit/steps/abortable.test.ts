import t from 'tap';
import { bounded, IterationAbortedError, sleep } from '../../../src/steps/abortable.js';
import { StepFailure } from '../../../src/steps/failures.js';

const never = () => new Promise<never>(() => undefined);

t.test('bounded passes a value or an error through', async (t) => {
  const signal = new AbortController().signal;
  t.equal(await bounded(Promise.resolve(7), { signal, timeoutMs: 1000 }), 7);
  await t.rejects(bounded(Promise.reject(new Error('boom')), { signal }), { message: 'boom' });
});

t.test('bounded times out with a StepFailure naming what it waited for', async (t) => {
  const error = await bounded(never(), { signal: new AbortController().signal, timeoutMs: 10, what: 'a reply' }).catch((e: unknown) => e);
  t.ok(error instanceof StepFailure);
  t.equal((error as StepFailure).kind, 'timeout');
  t.match((error as Error).message, /a reply/);
});

t.test('an abort interrupts bounded and sleep promptly', async (t) => {
  const controller = new AbortController();
  const started = Date.now();
  const waiting = bounded(never(), { signal: controller.signal });
  const sleeping = sleep(60_000, controller.signal);
  setTimeout(() => controller.abort(), 10);
  await t.rejects(waiting, IterationAbortedError);
  await t.rejects(sleeping, IterationAbortedError);
  t.ok(Date.now() - started < 1000);
  await t.rejects(bounded(Promise.resolve(1), { signal: controller.signal }), IterationAbortedError, 'already aborted');
});

t.test('many waits on one signal add one abort listener, and settled ones leave nothing behind', async (t) => {
  const controller = new AbortController();
  const added: string[] = [];
  const add = controller.signal.addEventListener.bind(controller.signal);
  controller.signal.addEventListener = ((type: string, ...rest: Parameters<typeof add> extends [string, ...infer R] ? R : never) => {
    added.push(type);
    return add(type, ...rest);
  }) as typeof controller.signal.addEventListener;
  await Promise.all(Array.from({ length: 50 }, () => sleep(1, controller.signal)));
  await Promise.all(Array.from({ length: 50 }, (_, i) => bounded(Promise.resolve(i), { signal: controller.signal, timeoutMs: 1000 })));
  const pending = [sleep(60_000, controller.signal), bounded(never(), { signal: controller.signal })];
  t.same(added, ['abort'], 'one listener for 102 waits');
  controller.abort();
  for (const wait of pending) await t.rejects(wait, IterationAbortedError, 'the waits still pending are all interrupted');
});
