import t from 'tap';
import { WireLog } from '../../../src/checks/wire-log.js';
import { streamLimits } from '../../../src/xmpp/limits.js';

const entry = (conn: string, text: string, dir: 'in' | 'out' | 'note' = 'in') => ({ atMs: 1, dir, conn, text });

t.test('a wire log keeps everything within the budget', async (t) => {
  const log = new WireLog();
  log.add(entry('raw#1', '<stream:features/>'));
  log.add(entry('raw#1', '<starttls/>', 'out'));
  t.same(log.entries.map((e) => e.text), ['<stream:features/>', '<starttls/>']);
});

t.test('a server that sends megabytes leaves a bounded log that says what was dropped', async (t) => {
  const { maxWireLogBytes } = streamLimits();
  const log = new WireLog();
  for (let i = 0; i < 1000; i++) log.add(entry('raw#1', 'A'.repeat(65536)));
  for (let i = 0; i < 10; i++) log.add(entry(`raw#${i + 2}`, 'B'.repeat(65536)));
  const kept = log.entries.filter((e) => e.dir === 'in').reduce((sum, e) => sum + e.text.length, 0);
  t.equal(kept, 4 * maxWireLogBytes, 'four connections fill the per-check budget');
  t.equal(log.entries.filter((e) => e.conn === 'raw#1' && e.dir === 'in').reduce((s, e) => s + e.text.length, 0), maxWireLogBytes);
  const marker = log.entries.find((e) => e.dir === 'note' && e.conn === 'raw#1');
  t.match(marker?.text, new RegExp(`\\[${1000 * 65536 - maxWireLogBytes} more characters on raw#1 not kept`));
  t.ok(log.entries.length < 30, 'one marker per connection, not one per chunk');
  log.add(entry('', 'n'.repeat(100_000), 'note'));
  t.ok(log.entries.at(-1)!.text.length < 3000, 'notes are bounded too');
});
