import t from 'tap';
import { openSession } from '../../../src/xmpp/login.js';
import { startFakeServer } from './fixtures/fake-server.js';

t.test('the wire option sees every chunk both ways, SASL payloads and the password redacted', async (t) => {
  for (const mechanism of ['PLAIN', 'SCRAM-SHA-1'] as const) {
    const fake = await startFakeServer(t, { mechanisms: [mechanism], password: 'secret-pw' });
    const wire: Array<[string, string]> = [];
    const session = await openSession({
      domain: 'a.example',
      host: '127.0.0.1',
      port: fake.port,
      tls: 'none',
      allowCleartextAuth: true,
      username: 'user',
      password: 'secret-pw',
      mechanism,
      wire: (dir, text) => wire.push([dir, text]),
    });
    await session.close();
    const all = wire.map(([dir, text]) => `${dir} ${text}`).join('\n');
    t.match(all, /out <\?xml version='1.0'\?><stream:stream/, `${mechanism}: our header`);
    t.match(all, /in .*<stream:features>/, `${mechanism}: the server's features`);
    t.match(all, /out <auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="[^"]+">\[redacted \d+ chars\]<\/auth>/, `${mechanism}: auth redacted`);
    t.match(all, /in <success[^>]*(\/>|>(\[redacted \d+ chars\])?<\/success>)/, `${mechanism}: success redacted`);
    t.match(all, /out <iq [^>]*><bind/, `${mechanism}: bind visible`);
    t.notMatch(all, /secret-pw/, `${mechanism}: the password never appears`);
    t.notMatch(all, new RegExp(Buffer.from('\0user\0secret-pw').toString('base64')), `${mechanism}: nor its PLAIN token`);
    if (mechanism === 'SCRAM-SHA-1') t.match(all, /out <response[^>]*>\[redacted \d+ chars\]<\/response>/, 'the SCRAM proof is redacted');
  }
});
