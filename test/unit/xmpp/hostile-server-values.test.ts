import t from 'tap';
import { boundJidProblem } from '../../../src/xmpp/bind.js';
import { XmppServerFault } from '../../../src/xmpp/errors.js';
import { ScramClient } from '../../../src/xmpp/scram.js';

t.test('the bound JID must be a full JID of the account (RFC 6120 §7.6.3)', async (t) => {
  t.equal(boundJidProblem('alice@example.org/phone', 'alice@example.org'), undefined);
  t.equal(boundJidProblem('Alice@EXAMPLE.org/other-resource', 'alice@example.org'), undefined, 'case and a replaced resource are fine');
  t.match(boundJidProblem('mallory@example.org/phone', 'alice@example.org'), /bound "mallory@example.org\/phone", not a JID of the account/);
  t.match(boundJidProblem('alice@example.org', 'alice@example.org'), /has no resource/);
  t.match(boundJidProblem('@@@', 'alice@example.org'), /invalid JID "@@@"/);
});

t.test('a SCRAM iteration count above the cap is refused before any PBKDF2 work', async (t) => {
  const client = new ScramClient({ hash: 'SHA-1', username: 'user', password: 'pencil', nonce: 'abc' });
  client.clientFirst();
  const started = performance.now();
  const refusal = await client.clientFinal('r=abcdef,s=QSXCR+Q6sek8bf92,i=2000000000').catch((error: unknown) => error);
  t.ok(refusal instanceof XmppServerFault);
  t.match((refusal as Error).message, /asked for 2000000000 SCRAM iterations; limit 1000000/);
  t.ok(performance.now() - started < 200, 'refused at once');
});
