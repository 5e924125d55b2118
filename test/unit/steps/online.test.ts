import t from 'tap';
import { OnlineRegistry } from '../../../src/steps/online.js';

t.test('pickOther never returns the asking user', async (t) => {
  const online = new OnlineRegistry();
  online.add('a', 'a@d/1');
  online.add('b', 'b@d/1');
  online.add('c', 'c@d/1');
  const seen = new Set<string>();
  for (let i = 0; i < 30; i += 1) seen.add(online.pickOther('b', () => (i % 10) / 10) as string);
  t.same([...seen].sort(), ['a@d/1', 'c@d/1']);
});

t.test('covers every other user, including the last slot', async (t) => {
  const online = new OnlineRegistry();
  for (const name of ['a', 'b', 'c']) online.add(name, `${name}@d/r`);
  t.equal(online.pickOther('a', () => 0.99), 'c@d/r');
  t.equal(online.pickOther('c', () => 0.99), 'b@d/r');
  t.equal(online.pickOther('c', () => 0), 'a@d/r');
});

t.test('returns undefined when nobody else is online', async (t) => {
  const online = new OnlineRegistry();
  t.equal(online.pickOther('a'), undefined);
  online.add('a', 'a@d/r');
  t.equal(online.pickOther('a'), undefined);
  t.equal(online.pickOther('stranger'), 'a@d/r');
});

t.test('remove keeps the others reachable and size right', async (t) => {
  const online = new OnlineRegistry();
  for (const name of ['a', 'b', 'c', 'd']) online.add(name, `${name}@x/r`);
  online.remove('a');
  online.remove('a');
  t.equal(online.size, 3);
  const seen = new Set<string>();
  for (let i = 0; i < 3; i += 1) seen.add(online.pickOther('none', () => i / 3) as string);
  t.same([...seen].sort(), ['b@x/r', 'c@x/r', 'd@x/r']);
});

t.test('adding again updates the JID without duplicating the user', async (t) => {
  const online = new OnlineRegistry();
  online.add('a', 'a@x/1');
  online.add('a', 'a@x/2');
  t.equal(online.size, 1);
  t.equal(online.pickOther('z'), 'a@x/2');
});
