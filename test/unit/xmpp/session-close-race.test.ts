/**
 * A server's stream error crossing our close (ejabberd after an account removal: the removal is
 * answered, and the session is then ended with <conflict/> while our </stream:stream> is on its
 * way) must not keep close() waiting for its whole timeout. FAKE server: it plays that crossing.
 */
import t from 'tap';
import { openSession } from '../../../src/xmpp/login.js';
import { startFakeServer } from './fixtures/fake-server.js';

t.test('close() ends as soon as the socket is closed, also when a stream error crossed it', async (t) => {
  const fake = await startFakeServer(t, {
    onStanza: (stanza, reply) => {
      if (stanza.name !== 'iq' || !stanza.getChild('query', 'jabber:iq:register')) return;
      reply(`<iq type='result' id='${stanza.attrs.id}'/>`);
      setTimeout(() => reply("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"), 2);
    },
  });
  for (let round = 0; round < 5; round++) {
    const session = await openSession({ domain: 'a.example', host: '127.0.0.1', port: fake.port, tls: 'none', username: 'user', password: 'secret', timeoutMs: 3000 });
    await session.iq("<iq type='set'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    const started = Date.now();
    await session.close(3000);
    t.ok(Date.now() - started < 1000, `round ${round}: closed in ${Date.now() - started} ms, not after the 3 s timeout`);
  }
});
