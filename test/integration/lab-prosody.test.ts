import t, { type Test } from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLab } from '../../src/lab/index.js';
import { createProsodyAccounts } from '../../src/lab/prosody-admin.js';
import type { LabServer, LabStartOptions, VariantName } from '../../src/lab/types.js';
import { aliceWithOfflineCarol, commonVariantTests, expectBulkAccounts, expectCrossVhostMessage, expectModernTlsAndOpenIbr, expectNoRegisterFeature, expectS2sMessages, expectStartTimeoutQuotesLog, expectTlsRequiredThenScram, expectWrongPasswordRefused, OPTIONAL_STARTTLS, REQUIRED_STARTTLS, S2S_HEADER, c2s, loggedIn, messageOffline, register, s2s } from '../helpers/lab-probes.js';

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

  await expectTlsRequiredThenScram(t, lab);

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

  await expectWrongPasswordRefused(t, lab);
  const { alice, bob } = await expectCrossVhostMessage(t, lab, 'bob-pw');
  alice.close();
  bob.close();

  await expectModernTlsAndOpenIbr(t, lab);
});

t.test('createAccounts in bulk, and the prosodyctl fallback', async (t) => {
  const lab = await withLab(t, 'baseline');
  await expectBulkAccounts(t, lab, 300);

  const configFile = join(lab.dir, 'prosody.cfg.lua');
  await createProsodyAccounts({ socketPath: join(lab.dir, 'no-such.sock'), configFile }, [
    { username: 'viactl', password: 'ctl-pw', domain: lab.domains[1] },
  ]);
  await t.resolves(loggedIn(lab, 'viactl', 'ctl-pw', lab.domains[1]).then((s) => s.close()), 'an account made by prosodyctl logs in');
});

t.test('s2s between two lab servers, found through the lab DNS', async (t) => {
  const one = await withLab(t, 'baseline');
  const two = await withLab(t, 'baseline', { domains: ['a.peer.prosody.lab.example', 'b.peer.prosody.lab.example'] });
  await expectS2sMessages(t, one, two, { timeoutMs: 10_000, andBack: false });
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
  await expectNoRegisterFeature(t, lab);
  t.match(await register(lab, 'newbie'), /type='error'[\s\S]*service-unavailable/, 'a registration is refused');
});

t.test('offline messages: stored in baseline, bounced in no-offline', async (t) => {
  for (const variant of ['baseline', 'no-offline'] as const) {
    const lab = await withLab(t, variant);
    const alice = await aliceWithOfflineCarol(lab);
    const replies = await messageOffline(lab, alice, `carol@${lab.domains[0]}`);
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
