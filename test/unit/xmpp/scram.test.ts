import t from 'tap';
import { ScramClient, saslPrep } from '../../../src/xmpp/scram.js';
import { XmppAuthError } from '../../../src/xmpp/errors.js';

t.test('RFC 5802 §5 exchange (SCRAM-SHA-1)', async (t) => {
  const client = new ScramClient({ hash: 'SHA-1', username: 'user', password: 'pencil', nonce: 'fyko+d2lbbFgONRv9qkxdawL' });
  t.equal(client.clientFirst(), 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
  const final = await client.clientFinal('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
  t.equal(final, 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
  t.doesNotThrow(() => client.verifyServerFinal('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='));
});

t.test('RFC 7677 §3 exchange (SCRAM-SHA-256)', async (t) => {
  const client = new ScramClient({ hash: 'SHA-256', username: 'user', password: 'pencil', nonce: 'rOprNGfwEbeRWgbNEkqO' });
  t.equal(client.clientFirst(), 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
  const final = await client.clientFinal(
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  );
  t.equal(
    final,
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  );
  t.doesNotThrow(() => client.verifyServerFinal('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='));
});

t.test('a forged server signature is refused', async (t) => {
  const client = new ScramClient({ hash: 'SHA-1', username: 'user', password: 'pencil', nonce: 'fyko+d2lbbFgONRv9qkxdawL' });
  client.clientFirst();
  await client.clientFinal('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
  t.throws(() => client.verifyServerFinal('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA='), { name: 'XmppAuthError', condition: 'server-signature-invalid' });
  t.throws(() => client.verifyServerFinal('e=invalid-proof'), { name: 'XmppAuthError', condition: 'invalid-proof', origin: 'server' });
});

t.test('the server nonce must extend the client nonce', async (t) => {
  const client = new ScramClient({ hash: 'SHA-1', username: 'user', password: 'pencil', nonce: 'abc' });
  client.clientFirst();
  await t.rejects(client.clientFinal('r=xyzdef,s=QSXCR+Q6sek8bf92,i=4096'), { name: 'XmppAuthError', condition: 'server-nonce-invalid' });
  await t.rejects(client.clientFinal('r=abc,s=QSXCR+Q6sek8bf92,i=4096'), { name: 'XmppAuthError', condition: 'server-nonce-invalid' });
  await t.rejects(client.clientFinal('r=abcdef,s=QSXCR+Q6sek8bf92'), XmppAuthError);
  await t.rejects(client.clientFinal('m=ext,r=abcdef,s=QSXCR+Q6sek8bf92,i=1'), { name: 'XmppAuthError', condition: 'malformed-server-message' });
});

t.test('channel binding goes into the GS2 header and c=', async (t) => {
  const data = Buffer.from('0123456789abcdef');
  const client = new ScramClient({
    hash: 'SHA-256', username: 'a,b=c', password: 'pencil', nonce: 'n1',
    channelBinding: { type: 'tls-exporter', data },
  });
  t.equal(client.clientFirst(), 'p=tls-exporter,,n=a=2Cb=3Dc,r=n1');
  const final = await client.clientFinal('r=n1server,s=QSXCR+Q6sek8bf92,i=1');
  const c = final.split(',')[0]!.slice(2);
  t.same(Buffer.from(c, 'base64'), Buffer.concat([Buffer.from('p=tls-exporter,,'), data]));

  const willing = new ScramClient({ hash: 'SHA-1', username: 'u', password: 'p', nonce: 'n', couldBind: true });
  t.match(willing.clientFirst(), /^y,,n=u,r=n$/);
});

t.test('SASLprep maps spaces and drops invisible characters', async (t) => {
  t.equal(saslPrep('I\u00ADX'), 'IX');
  t.equal(saslPrep('a\u00A0b'), 'a b');
  t.equal(saslPrep('\u2168'), 'IX');
});
