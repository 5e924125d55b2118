import t, { type Test } from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { startEjabberd } from '../../src/lab/ejabberd.js';
import type { LabServer, LabStartOptions, VariantName } from '../../src/lab/types.js';
import { commonVariantTests, expectStartTimeoutQuotesLog, OPTIONAL_STARTTLS, REQUIRED_STARTTLS, S2S_HEADER, c2s, handshake, loggedIn, messageOffline, register, s2s } from '../helpers/lab-probes.js';

async function withLab(t: Test, variant: VariantName, options: LabStartOptions = {}): Promise<LabServer> {
  const lab = await startEjabberd({ variant, ...options });
  t.teardown(() => lab.stop());
  return lab;
}

t.test('baseline: TLS required, SCRAM after TLS, direct TLS, both vhosts, accounts, IBR, offline', async (t) => {
  const lab = await withLab(t, 'baseline');
  t.match(lab.version, /^\d+\.\d+/);
  t.ok(lab.startupMs > 0 && lab.startupMs < 30_000, `started in ${lab.startupMs} ms`);
  t.comment(`ejabberd ${lab.version} started in ${lab.startupMs} ms`);

  const stream = await c2s(lab);
  const before = await stream.header();
  t.match(before, REQUIRED_STARTTLS, 'STARTTLS is required');
  t.notMatch(before, /<mechanism>/, 'no SASL before TLS');
  const after = await stream.startTls();
  t.match(after, /<mechanism>SCRAM-SHA-1<\/mechanism>/, 'SCRAM-SHA-1 after TLS');
  t.comment(`mechanisms after TLS: ${[...after.matchAll(/<mechanism>([^<]+)</g)].map((m) => m[1]).join(' ')}`);
  t.match(after, /jabber\.org\/features\/iq-register/, 'in-band registration offered');
  stream.close();

  for (const domain of lab.domains) {
    const direct = await c2s(lab, { domain, directTls: true });
    t.match(direct.peerCertificate()?.subjectaltname, `DNS:${domain}`, `direct TLS presents a lab-CA certificate for ${domain}`);
    const features = await direct.header({ to: domain });
    t.match(features, `from='${domain}'`, `${domain} answers`);
    t.notMatch(features, /<starttls/, 'no STARTTLS inside direct TLS');
    direct.close();
  }

  const accounts = await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'bob', password: 'bob-pw', domain: lab.domains[1] },
    { username: 'carol', password: 'carol-pw' },
  ]);
  t.same(accounts.map((a) => a.jid), [`alice@${lab.domains[0]}`, `bob@${lab.domains[1]}`, `carol@${lab.domains[0]}`]);
  await t.rejects(lab.createAccounts([{ username: 'alice', password: 'x' }]), { code: 'environment', message: /already registered/ });

  const wrong = await c2s(lab);
  await wrong.header();
  await wrong.startTls();
  t.notOk(await wrong.plainAuth('alice', 'not-her-password'), 'a wrong password is refused');
  wrong.close();

  const alice = await loggedIn(lab, 'alice', 'alice-pw');
  const bob = await loggedIn(lab, 'bob', 'bob-pw', lab.domains[1]);
  alice.send(`<message to='bob@${lab.domains[1]}' type='chat'><body>hello across vhosts</body></message>`);
  t.match(await bob.until(/<\/message>/), /hello across vhosts/, 'a message crosses the two vhosts');
  bob.close();

  t.notMatch(await messageOffline(lab, alice, `carol@${lab.domains[0]}`), /type='error'/, 'a message to offline carol is not bounced');
  const carol = await loggedIn(lab, 'carol', 'carol-pw');
  t.match(await carol.until(/<\/message>/), /for later[\s\S]*urn:xmpp:delay|urn:xmpp:delay[\s\S]*for later/, 'delivered at login with a delay stamp');
  carol.close();
  alice.close();

  t.match(await handshake(lab, 'TLSv1'), /^refused/, 'TLS 1.0 is refused');
  t.match(await handshake(lab, 'TLSv1.1'), /^refused/, 'TLS 1.1 is refused');
  for (const name of ['ibr1', 'ibr2', 'ibr3']) t.match(await register(lab, name), /type='result'/, `IBR of ${name}, unthrottled`);

  const peer = await s2s(lab);
  t.match(await peer.header(S2S_HEADER), REQUIRED_STARTTLS, 's2s requires STARTTLS');
  t.match(await peer.startTls(), /urn:xmpp:features:dialback/, 's2s offers dialback after TLS');
  peer.close();
});

t.test('createAccounts in bulk', async (t) => {
  const lab = await withLab(t, 'baseline');
  const count = 300;
  const started = performance.now();
  const accounts = await lab.createAccounts(Array.from({ length: count }, (_, i) => ({ username: `user${i}`, password: `pw-${i}` })));
  const seconds = (performance.now() - started) / 1000;
  t.comment(`${count} accounts in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)} accounts/s`);
  t.equal(accounts.length, count);
  await t.resolves(loggedIn(lab, 'user299', 'pw-299').then((s) => s.close()), 'the last account logs in');
});

t.test('s2s between two lab ejabberds, found through the lab DNS', async (t) => {
  const one = await withLab(t, 'baseline');
  const two = await withLab(t, 'baseline', { domains: ['a.peer.ejabberd.lab.example', 'b.peer.ejabberd.lab.example'] });
  await one.createAccounts([{ username: 'alice', password: 'alice-pw' }]);
  await two.createAccounts([{ username: 'bob', password: 'bob-pw' }]);
  const alice = await loggedIn(one, 'alice', 'alice-pw');
  const bob = await loggedIn(two, 'bob', 'bob-pw');
  alice.send(`<message to='bob@${two.domains[0]}' type='chat'><body>over s2s</body></message>`);
  t.match(await bob.until(/<\/message>/, 15_000), `from='alice@${one.domains[0]}/r1'`, 'delivered over s2s');
  bob.send(`<message to='alice@${one.domains[0]}' type='chat'><body>and back</body></message>`);
  t.match(await alice.until(/<\/message>/, 15_000), /and back/, 'and back');
  alice.close();
  bob.close();
});

t.test('stop ends the VM and removes its directory; startup failures quote the log', async (t) => {
  const lab = await startEjabberd();
  t.ok(existsSync(`/proc/${lab.pid}`), 'the VM runs under the reported pid');
  t.match(readFileSync(`/proc/${lab.pid}/cmdline`, 'utf8'), lab.dir, 'its command line names the lab directory');
  await lab.stop();
  t.notOk(existsSync(`/proc/${lab.pid}`), 'the pid is gone');
  t.notOk(existsSync(lab.dir), 'the directory is gone');

  await expectStartTimeoutQuotesLog(t, 'ejabberd', startEjabberd);
});

commonVariantTests(t, withLab);

t.test('variant no-ibr: registration neither advertised nor served', async (t) => {
  const lab = await withLab(t, 'no-ibr');
  const stream = await c2s(lab);
  await stream.header();
  const features = await stream.startTls();
  t.notMatch(features, /iq-register/, 'no register feature');
  t.match(features, /SCRAM-SHA-1/, 'authentication is unchanged');
  stream.close();
  // ejabberd without mod_register treats the request as a stanza before authentication.
  t.match(await register(lab, 'newbie'), /<stream:error><not-authorized/, 'a registration is refused');
  t.equal((await lab.createAccounts([{ username: 'admin-made', password: 'pw' }])).length, 1, 'the admin API still creates accounts');
});

t.test('variant no-offline: a message to an offline user bounces', async (t) => {
  const lab = await withLab(t, 'no-offline');
  await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'carol', password: 'carol-pw' },
  ]);
  const alice = await loggedIn(lab, 'alice', 'alice-pw');
  t.match(await messageOffline(lab, alice, `carol@${lab.domains[0]}`), /<message[^>]*type='error'[\s\S]*service-unavailable/, 'service-unavailable comes back');
  alice.close();
});

t.test('variant s2s-cleartext: s2s STARTTLS optional', async (t) => {
  const lab = await withLab(t, 's2s-cleartext');
  const stream = await s2s(lab);
  t.match(await stream.header(S2S_HEADER), OPTIONAL_STARTTLS);
  stream.close();
});

t.test('variant no-dialback: no dialback offered, db:result refused', async (t) => {
  const lab = await withLab(t, 'no-dialback');
  const stream = await s2s(lab);
  await stream.header(S2S_HEADER);
  const features = await stream.startTls();
  t.notMatch(features, /urn:xmpp:features:dialback/, 'no dialback feature');
  stream.send(`<db:result from='peer.gauntlet.example' to='${lab.domains[0]}'>0123456789abcdef</db:result>`);
  const reply = await stream.until(/<\/stream:stream>|<db:result[^>]*\/>|<\/db:result>/, 10_000);
  t.match(reply, /<stream:error><not-authorized/, 'a dialback key is answered with a not-authorized stream error');
  stream.close();
});
