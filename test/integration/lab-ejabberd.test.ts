import t, { type Test } from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { startEjabberd } from '../../src/lab/ejabberd.js';
import type { LabServer, LabStartOptions, VariantName } from '../../src/lab/types.js';
import { aliceWithOfflineCarol, commonVariantTests, expectBulkAccounts, expectCrossVhostMessage, expectModernTlsAndOpenIbr, expectNoRegisterFeature, expectOfflineDelivery, expectS2sMessages, expectStartTimeoutQuotesLog, expectTlsRequiredThenScram, expectWrongPasswordRefused, OPTIONAL_STARTTLS, REQUIRED_STARTTLS, S2S_HEADER, c2s, messageOffline, register, s2s } from '../helpers/lab-probes.js';

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

  const after = await expectTlsRequiredThenScram(t, lab);
  t.comment(`mechanisms after TLS: ${[...after.matchAll(/<mechanism>([^<]+)</g)].map((m) => m[1]).join(' ')}`);

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

  await expectWrongPasswordRefused(t, lab);
  const { alice, bob } = await expectCrossVhostMessage(t, lab, 'bob-pw');
  bob.close();

  await expectOfflineDelivery(t, lab, alice);
  alice.close();

  await expectModernTlsAndOpenIbr(t, lab);

  const peer = await s2s(lab);
  t.match(await peer.header(S2S_HEADER), REQUIRED_STARTTLS, 's2s requires STARTTLS');
  t.match(await peer.startTls(), /urn:xmpp:features:dialback/, 's2s offers dialback after TLS');
  peer.close();
});

t.test('createAccounts in bulk', async (t) => {
  await expectBulkAccounts(t, await withLab(t, 'baseline'), 300);
});

t.test('s2s between two lab ejabberds, found through the lab DNS', async (t) => {
  const one = await withLab(t, 'baseline');
  const two = await withLab(t, 'baseline', { domains: ['a.peer.ejabberd.lab.example', 'b.peer.ejabberd.lab.example'] });
  await expectS2sMessages(t, one, two, { timeoutMs: 15_000, andBack: true });
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
  await expectNoRegisterFeature(t, lab);
  // ejabberd without mod_register treats the request as a stanza before authentication.
  t.match(await register(lab, 'newbie'), /<stream:error><not-authorized/, 'a registration is refused');
  t.equal((await lab.createAccounts([{ username: 'admin-made', password: 'pw' }])).length, 1, 'the admin API still creates accounts');
});

t.test('variant no-offline: a message to an offline user bounces', async (t) => {
  const lab = await withLab(t, 'no-offline');
  const alice = await aliceWithOfflineCarol(lab);
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
