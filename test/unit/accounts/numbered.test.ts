import t from 'tap';
import { numberedUsers } from '../../../src/accounts/numbered.js';
import { fillTemplate } from '../../../src/accounts/template.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

const accountsOf = (yaml: string) => loadScenarioText(`target: { domain: example.org, host: 127.0.0.1 }\n${yaml}\nflow: [login]\n`, '/tmp/s.yaml').accounts;

t.test('templates fill placeholders and keep doubled braces literal', async (t) => {
  t.equal(fillTemplate('user{n}', { n: 7 }), 'user7');
  t.equal(fillTemplate('{{n}}-{n}-}}', { n: 7 }), '{n}-7-}');
  t.equal(fillTemplate('{user}@{domain}', { user: 'a', domain: 'b.example' }), 'a@b.example');
});

t.test('a pattern counts n up from `from`, the same n the flow templates see', async (t) => {
  const accounts = accountsOf("accounts:\n  pattern: { username: 'load{n}', password: 'pw-{n}', from: 10, count: 3 }");
  if (accounts?.source !== 'pattern') throw new Error('expected a pattern');
  const users = numberedUsers(accounts, 'example.org');
  t.same(
    users.map(({ n, username, password, jid }) => [n, username, password, jid]),
    [
      [10, 'load10', 'pw-10', 'load10@example.org'],
      [11, 'load11', 'pw-11', 'load11@example.org'],
      [12, 'load12', 'pw-12', 'load12@example.org'],
    ],
  );
});

t.test('the accounts domain overrides the target domain', async (t) => {
  const accounts = accountsOf("accounts:\n  pattern: { password: 'x', count: 1, domain: other.example }");
  if (accounts?.source !== 'pattern') throw new Error('expected a pattern');
  t.equal(numberedUsers(accounts, 'example.org')[0]!.jid, 'user1@other.example');
});
