import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { startEjabberd } from '../../src/lab/ejabberd.js';
import type { LabServer } from '../../src/lab/types.js';
import { RawStream } from '../helpers/raw-stream.js';

async function loggedIn(lab: LabServer, username: string, password: string): Promise<RawStream> {
  const stream = await RawStream.open({ host: lab.host, port: lab.ports.c2s, domain: lab.domains[0], caFile: lab.caFile });
  await stream.header();
  await stream.startTls();
  if (!(await stream.plainAuth(username, password))) throw new Error(`login to ${lab.kind} failed`);
  await stream.bind('r1');
  return stream;
}

t.test('Prosody and ejabberd federate through the lab DNS, both ways', async (t) => {
  const prosody = await startLab('prosody');
  t.teardown(() => prosody.stop());
  const ejabberd = await startEjabberd();
  t.teardown(() => ejabberd.stop());
  await prosody.createAccounts([{ username: 'alice', password: 'alice-pw' }]);
  await ejabberd.createAccounts([{ username: 'bob', password: 'bob-pw' }]);
  const alice = await loggedIn(prosody, 'alice', 'alice-pw');
  t.teardown(() => alice.close());
  const bob = await loggedIn(ejabberd, 'bob', 'bob-pw');
  t.teardown(() => bob.close());
  const aliceJid = `alice@${prosody.domains[0]}`;
  const bobJid = `bob@${ejabberd.domains[0]}`;

  alice.send(`<message to='${bobJid}' type='chat' id='p2e'><body>from Prosody</body></message>`);
  const atBob = await bob.until(/<\/message>/, 20_000);
  t.match(atBob, `from='${aliceJid}/r1'`, 'Prosody to ejabberd: delivered with the sender');
  t.match(atBob, /from Prosody/);

  bob.send(`<message to='${aliceJid}' type='chat' id='e2p'><body>from ejabberd</body></message>`);
  const atAlice = await alice.until(/<\/message>/, 20_000);
  t.match(atAlice, `from='${bobJid}/r1'`, 'ejabberd to Prosody: delivered with the sender');
  t.match(atAlice, /from ejabberd/);

  // How the servers authenticated each other, for the record. Only Prosody's log says so promptly:
  // ejabberd's file logger writes with a delay of up to two seconds.
  const auth = (await prosody.logTail(400)).split('\n').filter((line) => /SASL EXTERNAL|dialback/i.test(line));
  t.comment(`Prosody's log on s2s authentication:\n${auth.join('\n') || '(nothing)'}`);
});
