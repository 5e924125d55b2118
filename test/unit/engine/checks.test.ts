import t from 'tap';
import { checkAccountsFor, checkTargetFor } from '../../../src/engine/checks.js';
import type { ResolvedTarget } from '../../../src/engine/target.js';

const real = (tls: 'starttls' | 'direct'): ResolvedTarget => ({
  connection: { domain: 'example.org', host: 'xmpp.example.org', port: tls === 'direct' ? 5223 : 5222, tls, caPem: 'PEM', allowCleartextAuth: false },
  summary: { domain: 'example.org', host: 'xmpp.example.org', port: 5222, tls, via: 'explicit' },
});

t.test('the check target of a real server', async (t) => {
  t.same(await checkTargetFor(real('starttls')), { domain: 'example.org', host: 'xmpp.example.org', port: 5222, caPem: 'PEM' });
  t.same(await checkTargetFor(real('direct')), { domain: 'example.org', host: 'xmpp.example.org', port: 5222, directTlsPort: 5223, caPem: 'PEM' });
});

t.test('account sources: auto picks the scenario accounts, then registration; lab needs a lab', async (t) => {
  const target = await checkTargetFor(real('starttls'));
  const users = [{ n: 1, username: 'u1', password: 'p1', domain: 'example.org', jid: 'u1@example.org' }];
  t.equal(checkAccountsFor('auto', real('starttls'), target, users).kind, 'supplied');
  t.equal(checkAccountsFor('auto', real('starttls'), target, []).kind, 'register');
  t.equal(checkAccountsFor('register', real('starttls'), target, users).kind, 'register');
  const supplied = checkAccountsFor({ supplied: [{ username: 'me', password: 'x', domain: 'example.org', jid: 'me@example.org' }] }, real('starttls'), target, undefined);
  t.same([supplied.kind, supplied.capacity], ['supplied', 1]);
  // Taking a supplied account logs in to note its roster (put back afterwards), so only its shape is checked here.
  const scenario = checkAccountsFor('scenario', real('starttls'), target, users);
  t.same([scenario.kind, scenario.capacity], ['supplied', 1]);
  t.throws(() => checkAccountsFor('lab', real('starttls'), target, users), { code: 'config' });
});
