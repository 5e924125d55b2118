import t from 'tap';
import { Inbox } from '../../../src/steps/inbox.js';
import { IterationAbortedError } from '../../../src/steps/abortable.js';
import { StepFailure } from '../../../src/steps/failures.js';

const signal = new AbortController().signal;
const options = { signal, timeoutMs: 1000, description: 'a test item' };

t.test('take finds an item that arrived before the wait began', async (t) => {
  const inbox = new Inbox<string>();
  inbox.push('presence');
  inbox.push('message 1');
  inbox.push('message 2');
  t.equal(await inbox.take((s) => s.startsWith('message'), options), 'message 1', 'oldest match first');
  t.equal(inbox.size, 2);
});

t.test('take waits for a later item, which then skips the buffer', async (t) => {
  const inbox = new Inbox<string>();
  const taken = inbox.take((s) => s === 'late', options);
  inbox.push('other');
  inbox.push('late');
  t.equal(await taken, 'late');
  t.equal(inbox.size, 1, 'only the unmatched item was buffered');
});

t.test('the buffer is bounded and counts what it dropped', async (t) => {
  const inbox = new Inbox<number>(3);
  for (let i = 1; i <= 5; i += 1) inbox.push(i);
  t.equal(inbox.size, 3);
  t.equal(inbox.dropped, 2);
  t.equal(inbox.takeBuffered((n) => n < 3), undefined, '1 and 2 were dropped');
  t.equal(inbox.takeBuffered((n) => n === 3), 3);
});

t.test('times out with a StepFailure', async (t) => {
  const inbox = new Inbox<string>();
  const error = await inbox.take(() => false, { ...options, timeoutMs: 15 }).catch((e: unknown) => e);
  t.ok(error instanceof StepFailure);
  t.match((error as Error).message, /a test item/);
  inbox.push('after');
  t.equal(inbox.size, 1, 'the expired waiter no longer claims items');
});

t.test('an abort rejects promptly', async (t) => {
  const inbox = new Inbox<string>();
  const controller = new AbortController();
  const taken = inbox.take(() => true, { ...options, signal: controller.signal, timeoutMs: 10_000 });
  controller.abort();
  await t.rejects(taken, IterationAbortedError);
});

t.test('clear forgets buffered items', async (t) => {
  const inbox = new Inbox<string>();
  inbox.push('a');
  inbox.clear();
  t.equal(inbox.size, 0);
});
