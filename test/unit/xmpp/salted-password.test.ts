import { pbkdf2Sync } from 'node:crypto';
import t from 'tap';
import { forgetSaltedPasswords, saltedPassword } from '../../../src/xmpp/salted-password.js';

const salt = Buffer.from('QSXCR+Q6sek8bf92', 'base64');

t.test('a repeat login with the same password, salt and iterations reuses the derived key', async (t) => {
  forgetSaltedPasswords();
  const first = await saltedPassword('sha1', 20, 'pencil', salt, 4096);
  t.same(first, pbkdf2Sync('pencil', salt, 4096, 20, 'sha1'), 'Hi() as RFC 5802 defines it');
  t.equal(await saltedPassword('sha1', 20, 'pencil', salt, 4096), first, 'the same buffer: not derived again');
});

t.test('any other input is derived anew', async (t) => {
  forgetSaltedPasswords();
  const base = await saltedPassword('sha1', 20, 'pencil', salt, 4096);
  const others = [
    await saltedPassword('sha1', 20, 'pencil2', salt, 4096),
    await saltedPassword('sha1', 20, 'pencil', Buffer.from('other salt'), 4096),
    await saltedPassword('sha1', 20, 'pencil', salt, 4097),
    await saltedPassword('sha256', 32, 'pencil', salt, 4096),
  ];
  for (const other of others) t.notSame(other, base);
  t.same(others[3], pbkdf2Sync('pencil', salt, 4096, 32, 'sha256'));
});
