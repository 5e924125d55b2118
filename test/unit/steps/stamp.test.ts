import t from 'tap';
import { isDelayed, preciseNowMs, readStamp, stampElement, STAMP_NS } from '../../../src/steps/stamp.js';
import { parseXml, xml } from '../../../src/xmpp/index.js';

t.test('a stamp survives serialisation with microsecond precision', async (t) => {
  const sentMs = 1_712_345_678_901.123;
  const message = xml('message', { to: 'b@x' }, xml('body', {}, 'hi'), stampElement({ run: 'r1', sentMs, intendedMs: sentMs - 5.5 }));
  const stamp = readStamp(parseXml(message.toString()));
  t.same(stamp, { run: 'r1', sentMs, intendedMs: sentMs - 5.5 });
});

t.test('without intended time the stamp has none', async (t) => {
  const stamp = readStamp(xml('message', {}, stampElement({ run: 'r', sentMs: 10 })));
  t.same(stamp, { run: 'r', sentMs: 10, intendedMs: undefined });
});

t.test('stanzas without a (valid) stamp give undefined', async (t) => {
  t.equal(readStamp(parseXml('<message><body>x</body></message>')), undefined);
  t.equal(readStamp(parseXml(`<message><stamp xmlns='${STAMP_NS}' run='r' sent='soon'/></message>`)), undefined);
  t.equal(readStamp(parseXml(`<message><stamp xmlns='other' run='r' sent='1'/></message>`)), undefined);
});

t.test('XEP-0203 delay is recognised', async (t) => {
  t.ok(isDelayed(parseXml("<message><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/></message>")));
  t.notOk(isDelayed(parseXml('<message/>')));
});

t.test('preciseNowMs is epoch time and never goes back', async (t) => {
  const first = preciseNowMs();
  const second = preciseNowMs();
  t.ok(Math.abs(first - Date.now()) < 1000);
  t.ok(second >= first);
});

t.test('the first crossing message of a two-server run is marked', async (t) => {
  const marked = stampElement({ run: 'r', sentMs: 1, first: true });
  t.equal(marked.attrs.first, '1');
  t.equal(readStamp(xml('message', {}, marked))?.first, true);
  t.equal(readStamp(xml('message', {}, stampElement({ run: 'r', sentMs: 1 })))?.first, undefined, 'unmarked otherwise');
});
