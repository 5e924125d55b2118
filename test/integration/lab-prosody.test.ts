import t, { type Test } from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLab } from '../../src/lab/index.js';
import { createProsodyAccounts } from '../../src/lab/prosody-admin.js';
import type { LabServer, LabStartOptions, VariantName } from '../../src/lab/types.js';
import { commonVariantTests, expectStartTimeoutQuotesLog, OPTIONAL_STARTTLS, REQUIRED_STARTTLS, S2S_HEADER, c2s, handshake, loggedIn, register, s2s } from '../helpers/lab-probes.js';

async function withLab(t: Test, variant: VariantName, options: LabStartOptions = {}): Promise<LabServer> {
  const lab = await startLab('prosody', { variant, ...options });
  t.teardown(() => lab.stop());
  return lab;
}

t.test('baseline: TLS required, SCRAM after TLS, direct TLS, both vhosts, accounts', async (t) => {
  const lab = await withLab(t, 'baseline');
  t.match(lab.version, /^0\.12\./);
  t.ok(lab.startupMs > 0 && lab.startupMs < 10_000, `started in ${lab.startupMs} ms`);
  t.comment(`Prosody ${lab.version} started in ${lab.startupMs} ms`);

  const stream = await c2s(lab);
  const before = await stream.header();
  t.match(before, REQUIRED_STARTTLS, 'STARTTLS is required');
  t.notMatch(before, /<mechanism>/, 'no SASL before TLS');
  const after = await stream.startTls();
  t.match(after, /<mechanism>SCRAM-SHA-1<\/mechanism>/, 'SCRAM-SHA-1 after TLS');
  t.match(after, /jabber\.org\/features\/iq-register/, 'in-band registration offered');
  stream.close();

  for (const domain of lab.domains) {
    const direct = await c2s(lab, { domain, directTls: true });
    t.match(direct.peerCertificate()?.subjectaltname, `DNS:${domain}`, `direct TLS presents a lab-CA certificate for ${domain}`);
    t.match(await direct.header({ to: domain }), `from='${domain}'`, `${domain} answers`);
    direct.close();
  }

  const accounts = await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'bob', password: 'bob-pw', domain: lab.domains[1] },
  ]);
  t.same(accounts.map((a) => a.jid), [`alice@${lab.domains[0]}`, `bob@${lab.domains[1]}`]);
  await t.rejects(lab.createAccounts([{ username: 'alice', password: 'x' }]), { code: 'environment', message: /User exists/ });

  const wrong = await c2s(lab);
  await wrong.header();
  await wrong.startTls();
  t.notOk(await wrong.plainAuth('alice', 'not-her-password'), 'a wrong password is refused');
  wrong.close();

  const alice = await loggedIn(lab, 'alice', 'alice-pw');
  const bob = await loggedIn(lab, 'bob', 'bob-pw', lab.domains[1]);
  alice.send(`<message to='bob@${lab.domains[1]}' type='chat'><body>hello across vhosts</body></message>`);
  t.match(await bob.until(/<\/message>/), /hello across vhosts/, 'a message crosses the two vhosts');
  alice.close();
  bob.close();

  t.match(await handshake(lab, 'TLSv1'), /^refused/, 'TLS 1.0 is refused');
  t.match(await handshake(lab, 'TLSv1.1'), /^refused/, 'TLS 1.1 is refused');
  for (const name of ['ibr1', 'ibr2', 'ibr3']) t.match(await register(lab, name), /type='result'/, `IBR of ${name}, unthrottled`);
});

t.test('createAccounts in bulk, and the prosodyctl fallback', async (t) => {
  const lab = await withLab(t, 'baseline');
  const count = 300;
  const started = performance.now();
  const accounts = await lab.createAccounts(Array.from({ length: count }, (_, i) => ({ username: `user${i}`, password: `pw-${i}` })));
  const seconds = (performance.now() - started) / 1000;
  t.comment(`${count} accounts in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)} accounts/s`);
  t.equal(accounts.length, count);
  (await loggedIn(lab, 'user299', 'pw-299')).close();

  const configFile = join(lab.dir, 'prosody.cfg.lua');
  await createProsodyAccounts({ socketPath: join(lab.dir, 'no-such.sock'), configFile }, [
    { username: 'viactl', password: 'ctl-pw', domain: lab.domains[1] },
  ]);
  await t.resolves(loggedIn(lab, 'viactl', 'ctl-pw', lab.domains[1]).then((s) => s.close()), 'an account made by prosodyctl logs in');
});

t.test('s2s between two lab servers, found through the lab DNS', async (t) => {
  const one = await withLab(t, 'baseline');
  const two = await withLab(t, 'baseline', { domains: ['a.peer.prosody.lab.example', 'b.peer.prosody.lab.example'] });
  await one.createAccounts([{ username: 'alice', password: 'alice-pw' }]);
  await two.createAccounts([{ username: 'bob', password: 'bob-pw' }]);
  const alice = await loggedIn(one, 'alice', 'alice-pw');
  const bob = await loggedIn(two, 'bob', 'bob-pw');
  alice.send(`<message to='bob@${two.domains[0]}' type='chat'><body>over s2s</body></message>`);
  t.match(await bob.until(/<\/message>/, 10_000), `from='alice@${one.domains[0]}/r1'`, 'delivered over s2s');
  alice.close();
  bob.close();
});

t.test('stop ends the process and removes its directory; startup failures quote the log', async (t) => {
  const lab = await startLab('prosody');
  // Prosody writes its pid file once started, which may come just after the ports open.
  const pidFile = join(lab.dir, 'prosody.pid');
  for (let i = 0; i < 40 && !existsSync(pidFile); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  t.ok(existsSync(pidFile), 'pid file written');
  await lab.stop();
  t.notOk(existsSync(`/proc/${lab.pid}`), 'the pid is gone');
  t.notOk(existsSync(lab.dir), 'the directory is gone');

  await expectStartTimeoutQuotesLog(t, 'Prosody', (options) => startLab('prosody', options));
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
  t.match(await register(lab, 'newbie'), /type='error'[\s\S]*service-unavailable/, 'a registration is refused');
});

t.test('offline messages: stored in baseline, bounced in no-offline', async (t) => {
  for (const variant of ['baseline', 'no-offline'] as const) {
    const lab = await withLab(t, variant);
    await lab.createAccounts([
      { username: 'alice', password: 'alice-pw' },
      { username: 'carol', password: 'carol-pw' },
    ]);
    const alice = await loggedIn(lab, 'alice', 'alice-pw');
    alice.send(`<message to='carol@${lab.domains[0]}' type='chat' id='m1'><body>for later</body></message>`);
    // Barrier: once alice's own ping returns, the message before it has been handled.
    alice.send(`<iq type='get' id='barrier' to='${lab.domains[0]}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    const replies = await alice.until(/<iq[^>]*id='barrier'[^>]*(\/>|>[\s\S]*?<\/iq>)/);
    if (variant === 'no-offline') {
      t.match(replies, /<message[^>]*type='error'[\s\S]*service-unavailable/, 'no-offline: service-unavailable comes back');
    } else {
      t.notMatch(replies, /type='error'/, 'baseline: no bounce');
      const carol = await loggedIn(lab, 'carol', 'carol-pw');
      t.match(await carol.until(/<\/message>/), /for later[\s\S]*urn:xmpp:delay|urn:xmpp:delay[\s\S]*for later/, 'baseline: delivered at login with a delay stamp');
      carol.close();
    }
    alice.close();
  }
});

t.test('s2s STARTTLS: required in baseline, optional in s2s-cleartext', async (t) => {
  for (const [variant, starttls] of [['baseline', REQUIRED_STARTTLS], ['s2s-cleartext', OPTIONAL_STARTTLS]] as const) {
    const lab = await withLab(t, variant);
    const stream = await s2s(lab);
    t.match(await stream.header(S2S_HEADER), starttls, variant);
    stream.close();
  }
});

t.test('s2s dialback: offered in baseline, absent in no-dialback', async (t) => {
  for (const [variant, offered] of [['baseline', true], ['no-dialback', false]] as const) {
    const lab = await withLab(t, variant);
    const stream = await s2s(lab);
    await stream.header(S2S_HEADER);
    const features = await stream.startTls();
    if (offered) t.match(features, /urn:xmpp:features:dialback/, 'baseline offers dialback');
    else t.notMatch(features, /dialback/, 'no-dialback offers none');
    stream.close();
  }
});
