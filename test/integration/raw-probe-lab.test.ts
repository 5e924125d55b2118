import t from 'tap';
import { readFile } from 'node:fs/promises';
import { startLab } from '../../src/lab/index.js';
import { openRawProbe, type RawProbeOptions } from '../../src/xmpp/index.js';

t.test('raw probe against the lab Prosody: STARTTLS, PLAIN and SCRAM, bind, direct TLS, redaction', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const [alice] = await lab.createAccounts([{ username: 'alice', password: 'alice-secret' }]);
  const ca = await readFile(lab.caFile, 'utf8');
  const wire: string[] = [];
  const options: RawProbeOptions = { domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, ca, wire: (dir, text) => wire.push(`${dir} ${text}`) };

  const plain = await openRawProbe(options);
  t.teardown(() => plain.close());
  const first = await plain.open();
  t.ok(first.features?.getChild('starttls', 'urn:ietf:params:xml:ns:xmpp-tls'), 'STARTTLS offered');
  const secured = await plain.startTls();
  t.equal(plain.tlsSocket?.authorized, true, 'the lab CA is trusted, verification on');
  t.not(secured.header?.id, first.header?.id, 'a new stream id after the restart');
  t.notOk(await plain.authPlain(alice!.username, 'wrong'), 'a wrong password is refused');
  t.ok(await plain.authPlain(alice!.username, alice!.password), 'PLAIN over TLS');
  t.match(await plain.bind('probe'), new RegExp(`^${alice!.jid}/`), 'bound');

  const direct = await openRawProbe({ ...options, port: lab.ports.c2sDirectTls, directTls: true });
  t.teardown(() => direct.close());
  const opened = await direct.open();
  t.notOk(opened.features?.getChild('starttls', 'urn:ietf:params:xml:ns:xmpp-tls'), 'no STARTTLS inside direct TLS');
  t.ok(await direct.authScram(alice!.username, alice!.password), 'SCRAM-SHA-1 with the server signature verified');
  t.match(await direct.bind(), new RegExp(`^${alice!.jid}/`));

  const log = wire.join('\n');
  t.notMatch(log, /alice-secret/, 'the password is never in the wire log');
  t.notMatch(log, new RegExp(Buffer.from(`\0alice\0alice-secret`).toString('base64')), 'nor the PLAIN token');
  t.match(log, /out <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>\[redacted \d+ chars\]<\/auth>/);
});
