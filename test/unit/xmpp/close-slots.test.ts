import t from 'tap';
import { MAX_CLOSING, withCloseSlot } from '../../../src/xmpp/close-slots.js';

t.test('closes run in bounded batches, every one of them, failures releasing their slot', async (t) => {
  let running = 0;
  let peak = 0;
  const close = (i: number) =>
    withCloseSlot(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
      if (i % 7 === 0) throw new Error(`close ${i} failed`);
      return i;
    });
  const outcomes = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => close(i)));
  t.equal(peak, MAX_CLOSING, `never more than ${MAX_CLOSING} at once`);
  t.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1000 - Math.ceil(1000 / 7));
  t.equal(await close(1), 1, 'slots all free again');
});
