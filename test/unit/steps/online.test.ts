import t from 'tap';
import { OnlineRegistry } from '../../../src/steps/online.js';

function registry(...jids: string[]): OnlineRegistry {
  const online = new OnlineRegistry();
  for (const jid of jids) online.add(jid);
  return online;
}

t.test('pickOther never returns the asking session', async (t) => {
  const online = registry('a@d/1', 'b@d/1', 'c@d/1');
  const seen = new Set<string>();
  for (let i = 0; i < 20; i += 1) seen.add(online.pickOther('b@d/1', () => i / 20) as string);
  t.same([...seen].sort(), ['a@d/1', 'c@d/1']);
});

t.test('every other session can be picked, the last slot included', async (t) => {
  const online = registry('a@d/r', 'b@d/r', 'c@d/r');
  t.equal(online.pickOther('a@d/r', () => 0.99), 'c@d/r');
  t.equal(online.pickOther('c@d/r', () => 0.99), 'b@d/r');
  t.equal(online.pickOther('c@d/r', () => 0), 'a@d/r');
});

t.test('undefined when nobody else is online', async (t) => {
  const online = new OnlineRegistry();
  t.equal(online.pickOther('a@d/r'), undefined);
  online.add('a@d/r');
  t.equal(online.pickOther('a@d/r'), undefined);
  t.equal(online.pickOther('stranger@d/r'), 'a@d/r');
});

t.test('remove keeps the others reachable and the size right', async (t) => {
  const online = registry('a@x/r', 'b@x/r', 'c@x/r', 'd@x/r');
  online.remove('a@x/r');
  online.remove('a@x/r');
  t.equal(online.size, 3);
  const seen = new Set<string>();
  for (let i = 0; i < 3; i += 1) seen.add(online.pickOther('none', () => i / 3) as string);
  t.same([...seen].sort(), ['b@x/r', 'c@x/r', 'd@x/r']);
});

t.test('adding the same JID twice keeps one entry', async (t) => {
  const online = registry('a@x/1', 'a@x/1');
  t.equal(online.size, 1);
});
