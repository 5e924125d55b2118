/**
 * rank's probes against the Prosody baseline, reached as an outside host by its domain alone
 * (lab DNS, lab CA, an observer domain): the facts a grade will read, each with evidence, and
 * no account created on the host.
 */
import t, { type Test } from 'tap';
import { startLab } from '../../src/lab/index.js';
import { probeHost } from '../../src/rank/probe/index.js';
import type { LabServer } from '../../src/lab/index.js';
import { entryByDns, probeOptions, prosodyAccounts, startObserver } from '../helpers/rank-hosts.js';

async function withAccount(t: Test, lab: LabServer): Promise<void> {
  const [account] = await lab.createAccounts([{ username: 'rank-listed', password: 'rank-listed-pw' }]);
  const before = await prosodyAccounts(lab);
  const entry = { ...entryByDns(lab), accounts: [{ jid: account!.jid, passwordEnv: 'RANK_TEST_PASSWORD' }] };
  const passwordOf = (name: string) => (name === 'RANK_TEST_PASSWORD' ? account!.password : undefined);
  const facts = await probeHost(entry, { ...(await probeOptions(lab.caFile)), probes: ['account'], passwordOf });
  t.ok(facts.account && facts.account.loginMs > 0, `logged in in ${facts.account?.loginMs} ms`);
  const ids = Object.keys(facts.account?.checks ?? {});
  t.equal(facts.account?.checks['rfc6120.bind.server-generated'], 'pass', 'a bind check ran and passed');
  t.equal(facts.account?.checks['rfc6120.sasl.scram-sha-1'], 'pass', 'a SASL check ran and passed');
  t.notOk(ids.some((id) => /\.(register|roster|presence|offline|s2s)\./.test(id)), `only sasl, bind and iq checks: ${ids.length} ran`);
  t.notOk(ids.includes('rfc6120.sasl.wrong-password') || ids.includes('rfc6120.sasl.retry-limit'), 'no failed-login checks (they can lock real accounts)');
  t.same(await prosodyAccounts(lab), before, 'no account created or removed');
  t.ok(!JSON.stringify(facts).includes(account!.password), 'the password appears nowhere in the facts');

  const noPassword = await probeHost(entry, { ...(await probeOptions(lab.caFile)), probes: ['account'] });
  t.match(noPassword.unknown.account, /RANK_TEST_PASSWORD is not set/, 'without the password: unknown, with the reason');
}

t.test('Prosody baseline as an outside host', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const observer = await startObserver(lab.caFile);
  t.teardown(() => observer.close());
  // One known account proves the listing sees accounts at all.
  await lab.createAccounts([{ username: 'rank-witness', password: 'rank-witness-pw' }]);
  const accountsBefore = await prosodyAccounts(lab);
  t.ok(accountsBefore.some((file) => file.startsWith(`${lab.domains[0]}/rank-witness`)), `the account listing sees accounts: ${accountsBefore.join(', ')}`);

  const facts = await probeHost(entryByDns(lab), { ...(await probeOptions(lab.caFile)), observer });

  t.equal(facts.unreachable, undefined, 'reachable');
  t.same(facts.dns?.clientSrv.map((r) => r.port), [lab.ports.c2s], '_xmpp-client SRV found');
  t.same(facts.dns?.clientTlsSrv.map((r) => r.port), [lab.ports.c2sDirectTls], '_xmpps-client SRV found');
  t.same(facts.dns?.serverSrv.map((r) => r.port), [lab.ports.s2s], '_xmpp-server SRV found');
  t.same(facts.dns?.tlsa, [], 'no TLSA records published');

  t.same(facts.c2sTls.map((f) => [f.mode, f.port]), [['starttls', lab.ports.c2s], ['direct', lab.ports.c2sDirectTls]], 'both c2s endpoints probed');
  for (const tls of [...facts.c2sTls, ...facts.s2sTls]) {
    const where = `${tls.mode} ${tls.port}`;
    t.same(tls.versionsAccepted, ['TLSv1.2', 'TLSv1.3'], `${where}: TLS 1.2 and 1.3 accepted`);
    t.same(tls.versionsRefused, ['TLSv1', 'TLSv1.1'], `${where}: TLS 1.0 and 1.1 refused`);
    t.ok(tls.ciphers.length >= 3 && tls.ciphers.every((c) => c.forwardSecret), `${where}: ${tls.ciphers.length} suites, all forward-secret`);
    t.equal(tls.acceptsAnonymousOrNull, false, `${where}: no anonymous or NULL suites`);
    t.ok(tls.minCipherBits >= 128, `${where}: at least 128-bit suites`);
    t.ok(tls.groups.includes('X25519'), `${where}: X25519 among groups ${tls.groups.join(', ')}`);
    t.match(tls.certificate, { trusted: true, identityMatches: true, keyType: 'RSA', keyBits: 2048 }, `${where}: certificate trusted, names the domain`);
    t.ok(tls.certificate!.daysToExpiry > 300, `${where}: ${tls.certificate!.daysToExpiry} days to expiry`);
  }
  t.equal(facts.s2sTls[0]?.port, lab.ports.s2s, 's2s TLS probed on the s2s port');

  t.match(facts.features, { startTlsOffered: true, startTlsRequired: true, mechanismsBeforeTls: [], registrationOffered: true }, 'STARTTLS required, no mechanism before TLS, IBR offered');
  t.ok(facts.features?.mechanismsAfterTls.includes('SCRAM-SHA-1'), `mechanisms after TLS: ${facts.features?.mechanismsAfterTls.join(' ')}`);
  t.same(facts.features?.registrationFields, ['username', 'password'], 'registration form fetched');
  t.match(facts.unknown['features.streamManagement'], /after login/, 'stream management unknown without an account, not false');

  t.match(facts.federation, { observer: 'observer.rank.example', reachable: true, tlsOffered: true, tlsRequired: true, dialbackAccepted: true, dialedBack: true, externalAccepted: true }, 'federation facts');
  t.ok(facts.inventory?.features.includes('urn:xmpp:carbons:2'), 'carbons visible in disco#info');
  t.ok(facts.inventory?.features.includes('urn:xmpp:blocking'), 'blocking visible in disco#info');
  t.match(facts.inventory?.software, { name: 'Prosody', version: lab.version }, 'XEP-0092 software and version');

  t.ok(facts.evidence.every((e) => e.facts.length > 0 && e.probe && typeof e.seen === 'string'), `${facts.evidence.length} pieces of evidence, each naming its facts`);
  t.ok(facts.evidence.some((e) => e.facts.includes('federation.dialbackAccepted')), 'dialback has evidence');
  t.same(await prosodyAccounts(lab), accountsBefore, 'no account was created (registration form fetched, nothing submitted)');
  // After the probes above, so the account lists compared there and here are each one run's own.
  await t.test('with an account from the list: login and the non-destructive checks only', (t) => withAccount(t, lab));
});
