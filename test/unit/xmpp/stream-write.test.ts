import { once } from 'node:events';
import net from 'node:net';
import t, { type Test } from 'tap';
import { XmppStream } from '../../../src/xmpp/stream.js';
import { xml } from '../../../src/xmpp/xml.js';

async function socketPair(t: Test) {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  const [peer] = (await once(server, 'connection')) as [net.Socket];
  t.teardown(() => {
    client.destroy();
    peer.destroy();
    server.close();
  });
  return { client, peer };
}

t.test('stanzas written in one tick leave together, in one corked write', async (t) => {
  const { client, peer } = await socketPair(t);
  const stream = new XmppStream({ domain: 'a.example', timeoutMs: 1000 });
  stream.attach(client, false);
  const chunks: string[] = [];
  peer.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));

  t.equal(stream.write(xml('message', { to: 'b@a.example' }, xml('body', {}, 'one'))), true, 'room in the socket buffer');
  stream.write(xml('message', { to: 'b@a.example' }, xml('body', {}, 'two')));
  t.equal(client.writableCorked, 1, 'held back until the end of the tick');
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(client.writableCorked, 0, 'uncorked on the next tick');
  while (chunks.join('').split('</message>').length < 3) await once(peer, 'data');
  t.equal(chunks.join(''), '<message to="b@a.example"><body>one</body></message><message to="b@a.example"><body>two</body></message>');
  await stream.drained();
});
