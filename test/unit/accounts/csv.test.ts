import t, { type Test } from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvUsers } from '../../../src/accounts/csv.js';

function csvFile(t: Test, text: string): string {
  const file = join(t.testdir(), 'accounts.csv');
  writeFileSync(file, text);
  return file;
}

t.test('reads username,password[,domain], skipping the header, comments and blank lines', async (t) => {
  const file = csvFile(t, 'username,password,domain\n# staff\nalice,secret1\n\nbob, secret2 ,b.example\r\n');
  const users = await csvUsers(file, 'a.example');
  t.same(users, [
    { n: 1, username: 'alice', password: 'secret1', domain: 'a.example', jid: 'alice@a.example' },
    { n: 2, username: 'bob', password: 'secret2', domain: 'b.example', jid: 'bob@b.example' },
  ]);
});

t.test('a line without a password is refused with its line number', async (t) => {
  const file = csvFile(t, 'alice,secret\nbob\n');
  await t.rejects(csvUsers(file, 'a.example'), { code: 'config', message: /accounts\.csv:2: expected username,password/ });
});

t.test('an empty or missing file is a configuration error with a hint', async (t) => {
  await t.rejects(csvUsers(csvFile(t, '# nobody\n'), 'a.example'), { code: 'config', message: /holds no accounts/ });
  await t.rejects(csvUsers('/nonexistent/accounts.csv', 'a.example'), { code: 'config', hint: /relative to the scenario file/ });
});
