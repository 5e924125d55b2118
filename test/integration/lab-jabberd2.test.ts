import t, { type Test } from 'tap';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { startJabberd2 } from '../../src/lab/jabberd2.js';
import type { LabServer, LabStartOptions, VariantName } from '../../src/lab/types.js';
import { aliceWithOfflineCarol, commonVariantTests, expectBulkAccounts, expectCrossVhostMessage, expectModernTlsAndOpenIbr, expectNoRegisterFeature, expectOfflineDelivery, expectS2sMessages, expectStartTimeoutQuotesLog, expectTlsRequiredThenScram, expectWrongPasswordRefused, OPTIONAL_STARTTLS, S2S_HEADER, c2s, loggedIn, messageOffline, register, s2s } from '../helpers/lab-probes.js';

/** Long enough for the sm to answer c2s about sessions that just closed (measured: a few ms). */
const SESSION_END_MS = 300;

async function withLab(t: Test, variant: VariantName, options: LabStartOptions = {}): Promise<LabServer> {
  const lab = await startJabberd2({ variant, ...options });
  t.teardown(() => lab.stop());
  return lab;
}

t.test('baseline: TLS required, SCRAM after TLS, direct TLS, both vhosts, accounts, IBR, offline, roster', async (t) => {
  const lab = await withLab(t, 'baseline');
  t.match(lab.version, /^2\.\d+/);
  t.ok(lab.startupMs > 0 && lab.startupMs < 30_000, `started in ${lab.startupMs} ms`);
  t.comment(`jabberd2 ${lab.version} started in ${lab.startupMs} ms`);

  const after = await expectTlsRequiredThenScram(t, lab);
  t.notMatch(after, /SCRAM-SHA-1-PLUS/, 'no -PLUS (its channel binding fails on jabberd2)');

  for (const domain of lab.domains) {
    const direct = await c2s(lab, { domain, directTls: true });
    t.match(direct.peerCertificate()?.subjectaltname, `DNS:${domain}`, `direct TLS presents a lab-CA certificate for ${domain}`);
    const features = await direct.header({ to: domain });
    t.match(features, `from='${domain}'`, `${domain} answers`);
    t.notMatch(features, /<starttls/, 'no STARTTLS inside direct TLS');
    t.match(features, /<mechanism>SCRAM-SHA-1<\/mechanism>/, 'SASL offered at once on direct TLS');
    direct.close();
  }

  const accounts = await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'bob', password: "bob's pw", domain: lab.domains[1] },
    { username: 'carol', password: 'carol-pw' },
  ]);
  t.same(accounts.map((a) => a.jid), [`alice@${lab.domains[0]}`, `bob@${lab.domains[1]}`, `carol@${lab.domains[0]}`]);
  await t.rejects(lab.createAccounts([{ username: 'alice', password: 'x' }]), { code: 'environment', message: /already registered/ });

  await expectWrongPasswordRefused(t, lab);
  const { alice, bob } = await expectCrossVhostMessage(t, lab, "bob's pw");

  alice.send(`<iq type='set' id='add'><query xmlns='jabber:iq:roster'><item jid='bob@${lab.domains[1]}' name='Bob'/></query></iq>`);
  t.match(await alice.until(/<iq[^>]*id='add'[^>]*(\/>|>[\s\S]*?<\/iq>)/), /type='result'/, 'a roster item is added');
  alice.send(`<iq type='get' id='get'><query xmlns='jabber:iq:roster'/></iq>`);
  t.match(await alice.until(/<iq[^>]*id='get'[^>]*>[\s\S]*?<\/iq>/), new RegExp(`<item[^>]*jid='bob@${lab.domains[1]}'`), 'and read back');
  bob.close();

  await expectOfflineDelivery(t, lab, alice);
  alice.close();

  // jabberd2's c2s keys sessions by file descriptor: a reply to a session that just closed can land
  // on the next connection reusing the descriptor (<internal-server-error/>). A real server race,
  // shown by the check catalogue; here the sessions above get time to finish first.
  await new Promise((resolve) => setTimeout(resolve, SESSION_END_MS));
  await expectModernTlsAndOpenIbr(t, lab);
  await t.resolves(loggedIn(lab, 'ibr3', 'pw-ibr3').then((s) => s.close()), 'a registered account logs in');

  const peer = await s2s(lab);
  // jabberd2 enforces <require_tls/> without marking STARTTLS <required/> (see the s2s checks).
  t.match(await peer.header(S2S_HEADER), OPTIONAL_STARTTLS, 's2s offers STARTTLS');
  t.match(await peer.startTls(), /urn:xmpp:features:dialback/, 's2s offers dialback after TLS');
  peer.close();
});

t.test('createAccounts in bulk', async (t) => {
  await expectBulkAccounts(t, await withLab(t, 'baseline'), 1000);
});

t.test('s2s between two lab jabberd2s, found through the lab DNS', async (t) => {
  const one = await withLab(t, 'baseline');
  const two = await withLab(t, 'baseline', { domains: ['a.peer.jabberd2.lab.example', 'b.peer.jabberd2.lab.example'] });
  await expectS2sMessages(t, one, two, { timeoutMs: 15_000, andBack: true });
});

t.test('stop ends all four processes and removes the directory; startup failures quote the log', async (t) => {
  const started = performance.now();
  const lab = await startJabberd2();
  const pids = [lab.pid, ...(lab.companionPids ?? [])];
  t.equal(pids.length, 4, 'router, sm, c2s and s2s');
  for (const pid of pids) t.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /jabberd2-(router|sm|c2s|s2s)\0-c\0/, `pid ${pid} is a jabberd2 process`);
  t.match(readFileSync(`/proc/${lab.pid}/cmdline`, 'utf8'), /jabberd2-router/, 'the reported pid is the router');
  const stopping = performance.now();
  await lab.stop();
  t.comment(`start ${Math.round(stopping - started)} ms (ports and sm ready: ${lab.startupMs} ms), stop ${Math.round(performance.now() - stopping)} ms`);
  for (const pid of pids) t.notOk(existsSync(`/proc/${pid}`), `pid ${pid} is gone`);
  t.notOk(existsSync(lab.dir), 'the directory is gone');

  await expectStartTimeoutQuotesLog(t, 'jabberd2', startJabberd2);
});

t.test('target: { lab: jabberd2 } runs the bundled smoke scenario', async (t) => {
  const file = join('scenarios', 'smoke.yaml');
  const text = readFileSync(file, 'utf8').replace(/^(\s*)lab: prosody\b/m, '$1lab: jabberd2');
  const { result } = await runScenario(loadScenarioText(text, file, { env: {} }), { version: 'test', out: mkdtempSync(join(tmpdir(), 'gauntlet-smoke-')) });
  t.equal(result.target.lab?.kind, 'jabberd2');
  t.same(result.errors.byKind, {}, 'no errors');
  t.equal(decodeMetrics(result.metrics).latency('message_e2e')?.count, 2, 'both messages measured end to end');
});

commonVariantTests(t, withLab);

t.test('variant no-ibr: registration neither advertised nor served', async (t) => {
  const lab = await withLab(t, 'no-ibr');
  await expectNoRegisterFeature(t, lab);
  t.match(await register(lab, 'newbie'), /type='error'[\s\S]*<not-allowed/, 'a registration is refused with not-allowed');
  t.equal((await lab.createAccounts([{ username: 'admin-made', password: 'pw' }])).length, 1, 'the database path still creates accounts');
});

t.test('variant no-offline: a message to an offline user bounces', async (t) => {
  const lab = await withLab(t, 'no-offline');
  const alice = await aliceWithOfflineCarol(lab);
  // Without mod_offline jabberd2 answers feature-not-implemented (RFC 6121 §8.5.2.2.1 wants
  // service-unavailable): the offline checks pin that on this variant.
  t.match(await messageOffline(lab, alice, `carol@${lab.domains[0]}`), /<message[^>]*type='error'[\s\S]*<feature-not-implemented/, 'the message bounces');
  alice.close();
});

t.test('variant no-dialback is refused with the reason', async (t) => {
  await t.rejects(startJabberd2({ variant: 'no-dialback' }), { code: 'usage', message: /no variant no-dialback: its s2s authenticates peers only by dialback/ });
});
