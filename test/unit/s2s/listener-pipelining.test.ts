import t from 'tap';
import net from 'node:net';
import { labCa } from '../../../src/lab/ca.js';
import { dialbackKey } from '../../../src/s2s/dialback-key.js';
import { S2sListener } from '../../../src/s2s/listener.js';
import { PeerCertificates } from '../../../src/s2s/peer-certificates.js';

// The dialback stall of docs/s2s.md: Prosody writes db:verify right behind its stream header (after
// SASL EXTERNAL's restart). Our answer went out before our own header, with an unbound db: prefix,
// and Prosody dropped the stream and the key waiting on it.
const PEER = 'peer1.gauntlet.example';
const SECRET = 'unit-test-secret';
const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' version='1.0' to='${PEER}' from='target.example'>`;

t.test('an element pipelined behind the header is answered after our header', async (t) => {
  const listener = await S2sListener.start({
    isPeerDomain: (domain) => domain === PEER,
    secret: SECRET,
    certificates: new PeerCertificates(await labCa()),
    authorityFor: async () => undefined,
    deliver: () => undefined,
  });
  t.teardown(() => listener.close());
  const key = dialbackKey(SECRET, { receiving: 'target.example', originating: PEER, streamId: 'abc' });
  const text = await new Promise<string>((resolve) => {
    const socket = net.connect(listener.address.port, listener.address.host);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      received += data;
      if (received.includes('type=')) (socket.destroy(), resolve(received));
    });
    // One write: header and db:verify arrive in the same chunk.
    socket.on('connect', () => socket.write(`${HEADER}<db:verify from='target.example' to='${PEER}' id='abc'>${key}</db:verify>`));
  });
  const header = text.indexOf('<stream:stream');
  const answer = text.indexOf('<db:verify');
  t.ok(header >= 0, 'our header was sent');
  t.ok(answer > header, `our db:verify answer follows our header (header at ${header}, answer at ${answer})`);
  t.match(text.slice(answer), /type="valid"|type='valid'/, 'and says valid');
});
