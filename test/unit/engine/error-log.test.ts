import t from 'tap';
import { ErrorLog } from '../../../src/engine/error-log.js';

t.test('counts problems by kind and keeps the first 50 whole', async (t) => {
  const log = new ErrorLog(Date.now());
  for (let i = 0; i < 60; i++) log.record(i % 3 === 0 ? 'timeout' : 'auth', `problem ${i}`, { user: `user${i}@a.example`, step: 'login' });
  const json = log.toJSON();
  t.equal(log.count, 60);
  t.equal(json.total, 60);
  t.same(json.byKind, { timeout: 20, auth: 40 });
  t.equal(json.sample.length, 50);
  t.match(json.sample[0], { kind: 'timeout', message: 'problem 0', user: 'user0@a.example', step: 'login' });
  t.ok(json.sample.every((sample) => sample.atMs >= 0 && sample.atMs < 1000), 'times are relative to the run start');
});
