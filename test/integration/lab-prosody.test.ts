import t from 'tap';
import { connect as tlsConnect } from 'node:tls';
import { readFileSync, existsSync } from 'node:fs';
import { startLab } from '../../src/lab/index.js';
import type { LabServer, VariantName } from '../../src/lab/types.js';
import { RawStream } from '../helpers/raw-stream.js';

const S2S_HEADER = { ns: 'jabber:server', extra: " xmlns:db='jabber:server:dialback' from='peer.gauntlet.example'" };

async function withLab(t: Tap.Test, variant: VariantName): Promise<LabServer> {
  const lab = await startLab('prosody', { variant });
  t.teardown(() => lab.stop());
  return lab;
}

function c2s(lab: LabServer, options: { domain?: string; directTls?: boolean } = {}): Promise<RawStream> {
  const port = options.directTls ? lab.ports.c2sDirectTls : lab.ports.c2s;
  return RawStream.open({ host: lab.host, port, domain: options.domain ?? lab.domains[0], caFile: lab.caFile, directTls: options.directTls });
}

async function loggedIn(lab: LabServer, username: string, password: string, resource: string): Promise<RawStream> {
  const stream = await c2s(lab);
  await stream.header();
  await stream.startTls();
  if (!(await stream.plainAuth(username, password))) throw new Error(`login of ${username} failed`);
  await stream.bind(resource);
  return stream;
}

/** Completes a TLS handshake limited to TLS 1.0; resolves with the negotiated protocol or the error. */
function tls10Handshake(lab: LabServer): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: lab.host,
      port: lab.ports.c2sDirectTls,
      servername: lab.domains[0],
      ca: readFileSync(lab.caFile),
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      resolve(socket.getProtocol() ?? 'unknown');
      socket.destroy();
    });
    socket.once('error', (error) => resolve(`refused: ${error.message}`));
  });
}

t.test('baseline Prosody: TLS required, SCRAM, IBR, both vhosts, accounts, routing', async (t) => {
  const lab = await withLab(t, 'baseline');
  t.match(lab.version, /^0\.12/);
  t.ok(lab.startupMs > 0);

  const stream = await c2s(lab);
  const before = await stream.header();
  t.match(before, /<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required\/><\/starttls>/, 'STARTTLS is required');
  t.notMatch(before, /<mechanism>PLAIN<\/mechanism>/, 'no PLAIN before TLS');
  const after = await stream.startTls();
  t.match(after, /<mechanism>SCRAM-SHA-1<\/mechanism>/, 'SCRAM-SHA-1 after TLS');
  t.match(after, /jabber\.org\/features\/iq-register/, 'in-band registration offered');
  stream.close();

  for (const domain of lab.domains) {
    const direct = await c2s(lab, { domain, directTls: true });
    t.match(await direct.header({ to: domain }), new RegExp(`from='${domain.replaceAll('.', '\\.')}'`), `direct TLS with SNI for ${domain}`);
    direct.close();
  }

  const accounts = await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'bob', password: 'bob-pw', domain: lab.domains[1] },
  ]);
  t.same(accounts.map((a) => a.jid), [`alice@${lab.domains[0]}`, `bob@${lab.domains[1]}`]);

  const wrong = await c2s(lab);
  await wrong.header();
  await wrong.startTls();
  t.notOk(await wrong.plainAuth('alice', 'not-her-password'), 'a wrong password is refused');
  wrong.close();

  const alice = await loggedIn(lab, 'alice', 'alice-pw', 'r1');
  const bob = await RawStream.open({ host: lab.host, port: lab.ports.c2s, domain: lab.domains[1], caFile: lab.caFile });
  await bob.header();
  await bob.startTls();
  t.ok(await bob.plainAuth('bob', 'bob-pw'));
  await bob.bind('r1');
  alice.send(`<message to='bob@${lab.domains[1]}' type='chat'><body>hello across vhosts</body></message>`);
  t.match(await bob.until(/<\/message>/), /hello across vhosts/, 'a message crosses the two vhosts');
  alice.close();
  bob.close();

  t.match(await tls10Handshake(lab), /^refused/, 'TLS 1.0 is refused');
});

t.test('stop ends the process and removes its directory', async (t) => {
  const lab = await startLab('prosody');
  await lab.stop();
  t.notOk(existsSync(`/proc/${lab.pid}`), 'the pid is gone');
  t.notOk(existsSync(lab.dir), 'the directory is gone');
});

t.test('variant plain-before-tls: TLS optional and PLAIN offered in cleartext', async (t) => {
  const lab = await withLab(t, 'plain-before-tls');
  const stream = await c2s(lab);
  const features = await stream.header();
  t.match(features, /<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'\/>/, 'STARTTLS offered without <required/>');
  t.match(features, /<mechanism>PLAIN<\/mechanism>/, 'PLAIN offered before TLS');
  stream.close();
});

t.test('variant tls-legacy: a TLS 1.0 handshake succeeds', async (t) => {
  const lab = await withLab(t, 'tls-legacy');
  t.equal(await tls10Handshake(lab), 'TLSv1');
});

t.test('variant no-ibr: registration neither advertised nor served', async (t) => {
  const lab = await withLab(t, 'no-ibr');
  const stream = await c2s(lab);
  await stream.header();
  const features = await stream.startTls();
  t.notMatch(features, /iq-register/, 'no register feature');
  t.match(features, /SCRAM-SHA-1/, 'authentication is unchanged');
  stream.send("<iq type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>");
  t.match(await stream.until(/<\/iq>|<\/stream:error>|<\/failure>/), /type='error'|not-authorized|stream:error/, 'the register query is refused');
  stream.close();
});

t.test('variant no-offline: a message to an offline user bounces', async (t) => {
  const lab = await withLab(t, 'no-offline');
  await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'carol', password: 'carol-pw' },
  ]);
  const alice = await loggedIn(lab, 'alice', 'alice-pw', 'r1');
  alice.send(`<message to='carol@${lab.domains[0]}' type='chat' id='m1'><body>are you there?</body></message>`);
  t.match(await alice.until(/<\/message>/), /type='error'[\s\S]*service-unavailable/, 'service-unavailable comes back');
  alice.close();
});

t.test('baseline: a message to an offline user is stored and delivered at login', async (t) => {
  const lab = await withLab(t, 'baseline');
  await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'carol', password: 'carol-pw' },
  ]);
  const alice = await loggedIn(lab, 'alice', 'alice-pw', 'r1');
  alice.send(`<message to='carol@${lab.domains[0]}' type='chat' id='m1'><body>stored for later</body></message>`);
  // Barrier: once alice's own ping returns, the server has handled the message before it.
  alice.send(`<iq type='get' id='barrier' to='${lab.domains[0]}'><ping xmlns='urn:xmpp:ping'/></iq>`);
  t.notMatch(await alice.until(/id='barrier'[^>]*>|id='barrier'[^>]*\/>/), /service-unavailable/, 'no bounce');
  const carol = await loggedIn(lab, 'carol', 'carol-pw', 'r1');
  t.match(await carol.until(/<\/message>/), /stored for later[\s\S]*urn:xmpp:delay|urn:xmpp:delay[\s\S]*stored for later/, 'delivered with a delay stamp');
  alice.close();
  carol.close();
});

for (const [variant, encrypted] of [['baseline', true], ['s2s-cleartext', false]] as const) {
  t.test(`s2s STARTTLS is ${encrypted ? '' : 'not '}required (${variant})`, async (t) => {
    const lab = await withLab(t, variant);
    const stream = await RawStream.open({ host: lab.host, port: lab.ports.s2s, domain: lab.domains[0], caFile: lab.caFile });
    const features = await stream.header(S2S_HEADER);
    if (encrypted) t.match(features, /<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required\/><\/starttls>/);
    else t.match(features, /<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'\/>/);
    stream.close();
  });
}

for (const [variant, dialback] of [['baseline', true], ['no-dialback', false]] as const) {
  t.test(`s2s dialback is ${dialback ? '' : 'not '}offered (${variant})`, async (t) => {
    const lab = await withLab(t, variant);
    const stream = await RawStream.open({ host: lab.host, port: lab.ports.s2s, domain: lab.domains[0], caFile: lab.caFile });
    await stream.header(S2S_HEADER);
    const features = await stream.startTls();
    if (dialback) t.match(features, /urn:xmpp:features:dialback/);
    else t.notMatch(features, /urn:xmpp:features:dialback/);
    stream.close();
  });
}
