/**
 * The SCRAM, failure and binding checks against a FAKE server (sasl-fake-server.ts): each passes
 * on the well-behaved fake and reports a violation when one quirk breaks the rule it checks.
 */
import t, { type Test } from 'tap';
import { CATALOGUE, runChecks, suppliedAccounts, type AccountProvider } from '../../../src/checks/index.js';
import type { CheckResult } from '../../../src/checks/types.js';
import { DOMAIN, startFakeXmppServer, type FakeQuirk } from './sasl-fake-server.js';

const account = (username: string) => ({ username, password: `${username}-pw`, domain: DOMAIN, jid: `${username}@${DOMAIN}` });
/** Checks that only ever expose throwaway accounts (the cleartext login) need a provider that is not 'supplied'. */
const THROWAWAY = new Set(['gauntlet.security.cleartext-password-refused']);

function accountsFor(id: string): AccountProvider {
  const supplied = suppliedAccounts([account('alice'), account('bob')]);
  return THROWAWAY.has(id) ? { ...supplied, kind: 'lab' } : supplied;
}

/** The catalogue's definitions (with their rules): a secondary rule changes the verdict. */
async function run(t: Test, id: string, quirks: FakeQuirk[] = [], trust: 'ca' | 'other-ca' = 'ca'): Promise<CheckResult> {
  const fake = await startFakeXmppServer(t, quirks);
  const check = CATALOGUE.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const [result] = await runChecks([check], {
    target: { domain: DOMAIN, host: '127.0.0.1', port: fake.port, caPem: trust === 'ca' ? fake.caPem : fake.otherCaPem },
    accounts: accountsFor(id),
  });
  return result!;
}

const WELL_BEHAVED: Array<[id: string, verdict: string, reason: RegExp]> = [
  ['rfc5802.sasl.scram-server-signature', 'pass', /server signature verifies/],
  ['rfc5802.sasl.scram-plus-binding', 'pass', /true tls-unique on TLSv1\.2 binding succeeds; tampered binding refused/],
  ['rfc5802.sasl.gs2-downgrade-detected', 'pass', /gs2 flag 'y' refused/],
  ['rfc6120.sasl.wrong-password', 'pass', /refused with <not-authorized\/>; the stream stays open/],
  ['rfc6120.sasl.retry-limit', 'pass', /^2 retries allowed after the first failure, then the stream was closed/],
  ['rfc6120.sasl.abort', 'pass', /<failure><aborted\/><\/failure>/],
  ['rfc6120.tls.no-starttls-after-tls', 'pass', /not offered after TLS; a second <starttls\/> got <failure\/>/],
  ['rfc6120.bind.resource-conflict', 'info', /policy: the new binding is refused with <conflict\/>/],
  ['rfc6120.sasl.invalid-mechanism', 'pass', /<failure><invalid-mechanism\/><\/failure>/],
  ['rfc6120.sasl.incorrect-encoding', 'pass', /<failure><incorrect-encoding\/><\/failure>/],
  ['rfc6120.sasl.malformed-request', 'pass', /<failure><malformed-request\/><\/failure>/],
  ['rfc6120.sasl.invalid-authzid', 'info', /refused with <invalid-authzid\/>/], // an INFO check: recorded
  ['gauntlet.security.authzid-impersonation', 'pass', /foreign authzid was refused/],
  ['rfc6120.bind.resource-too-long', 'pass', /refused with <bad-request\/>/],
  ['rfc6120.stream.whitespace-keepalive', 'pass', /the IQ sent after the whitespace got type='result'/],
  ['rfc6120.tls.no-auth-before-tls', 'pass', /SASL before TLS got <failure><encryption-required\/><\/failure>; a stanza before TLS got .*not-authorized/],
  ['gauntlet.security.cleartext-password-refused', 'pass', /got <failure><encryption-required\/><\/failure>/],
  ['rfc6120.tls.starttls-required', 'pass', /only STARTTLS is offered on the cleartext stream, marked <required\/>/],
  ['rfc6120.tls.starttls-handshake', 'pass', /<proceed\/>, then TLSv1\.2 with .*certificate verified, stream restarted/],
  ['rfc4616.sasl.no-plain-before-tls', 'pass', /PLAIN not offered before TLS .*got <failure><encryption-required\/><\/failure>/],
  ['rfc6120.sasl.mechanisms-offered', 'pass', /SCRAM-SHA-1-PLUS, SCRAM-SHA-1, PLAIN/],
  ['rfc6120.sasl.scram-sha-1', 'pass', /./],
  ['rfc6120.sasl.scram-sha-1-plus-offered', 'pass', /./],
  ['rfc6120.sasl.restart-after-success', 'pass', /./],
  ['rfc6120.bind.server-generated', 'pass', /./],
  ['rfc6120.bind.client-resource', 'pass', /granted as requested/],
];

const BROKEN: Array<[id: string, quirk: FakeQuirk, verdict: string, reason: RegExp]> = [
  ['rfc5802.sasl.scram-server-signature', 'forge-signature', 'fail', /server-signature-invalid|server signature \(v=\) does not match/],
  ['rfc5802.sasl.scram-server-signature', 'bad-nonce', 'fail', /server nonce does not extend the client nonce/],
  ['rfc5802.sasl.scram-plus-binding', 'ignore-binding', 'fail', /succeeded although the tls-unique binding data was tampered with/],
  ['rfc5802.sasl.gs2-downgrade-detected', 'accept-y', 'fail', /gs2 flag 'y' succeeded/],
  ['rfc6120.sasl.retry-limit', 'no-retry-limit', 'warn', /8 failed attempts on one stream and it is still open/],
  ['rfc6120.sasl.retry-limit', 'close-after-first-failure', 'warn', /closed after 1 failed attempt\(s\)/],
  ['rfc6120.sasl.abort', 'silent-abort', 'fail', /got no answer in time instead of <failure><aborted\/><\/failure>/],
  ['rfc6120.tls.no-starttls-after-tls', 'starttls-again', 'fail', /the features after TLS offer STARTTLS again/],
  ['rfc6120.bind.resource-conflict', 'duplicate-bind', 'fail', /two live sessions are bound to the same full JID alice@a\.example\/gauntlet-/],
  // The exchange still fails as it must; only the condition differs, which no keyword fixes: info.
  ['rfc6120.tls.starttls-required', 'plain-before-tls', 'warn', /TLS is optional: STARTTLS without <required\/>, next to mechanisms/],
  ['rfc6120.tls.no-auth-before-tls', 'plain-before-tls', 'skip', /does not signal TLS as mandatory-to-negotiate/],
  ['rfc4616.sasl.no-plain-before-tls', 'plain-before-tls', 'warn', /PLAIN is offered before TLS/],
  ['gauntlet.security.cleartext-password-refused', 'plain-before-tls', 'fail', /a password sent in cleartext was accepted/],
  ['rfc6120.sasl.invalid-mechanism', 'generic-sasl-failure', 'info', /<not-authorized\/><\/failure> instead of <failure><invalid-mechanism\/>/],
  ['rfc6120.sasl.incorrect-encoding', 'generic-sasl-failure', 'info', /<not-authorized\/><\/failure> instead of <failure><incorrect-encoding\/>/],
  ['rfc6120.sasl.malformed-request', 'generic-sasl-failure', 'info', /<not-authorized\/><\/failure> instead of <failure><malformed-request\/>/],
  // The MUST itself: a malformed exchange must not end in success.
  ['rfc6120.sasl.incorrect-encoding', 'succeed-on-garbage', 'fail', /answered <success.* instead of <failure><incorrect-encoding\/>/],
  ['rfc6120.sasl.malformed-request', 'succeed-on-garbage', 'fail', /answered <success.* instead of <failure><malformed-request\/>/],
  ['rfc6120.sasl.invalid-authzid', 'ignore-authzid', 'info', /authzid ignored: the session was bound as the authenticating user/],
  ['rfc6120.sasl.invalid-authzid', 'honour-authzid', 'info', /bound AS bob@a\.example/],
  ['gauntlet.security.authzid-impersonation', 'ignore-authzid', 'pass', /authzid was ignored/],
  ['gauntlet.security.authzid-impersonation', 'honour-authzid', 'fail', /bound as bob@a\.example/],
  ['rfc6120.bind.resource-too-long', 'replace-long-resource', 'info', /replaced by a server-chosen 8-octet resource/],
  ['rfc6120.bind.resource-too-long', 'bind-long-resource', 'fail', /bound as requested \(1100 octets\)/],
  ['rfc6120.stream.whitespace-keepalive', 'mute-after-whitespace', 'fail', /our IQ got no answer/],
  ['rfc6120.tls.no-auth-before-tls', 'cleartext-plain', 'fail', /SCRAM-SHA-1 proceeded before TLS/],
  ['rfc6120.sasl.mechanisms-offered', 'no-mechanisms', 'fail', /the features after STARTTLS list no SASL mechanism/],
  ['rfc6120.sasl.scram-sha-1', 'no-scram-sha-1', 'fail', /SCRAM-SHA-1 is not offered after TLS \(offered: SCRAM-SHA-1-PLUS, PLAIN\)/],
  ['rfc6120.sasl.scram-sha-1-plus-offered', 'no-scram-plus', 'fail', /SCRAM-SHA-1-PLUS not offered on TLSv1\.2/],
  ['rfc6120.sasl.wrong-password', 'accept-any-password', 'fail', /a wrong password ended in|SCRAM-SHA-1 with a wrong password succeeded/],
  ['rfc6120.sasl.invalid-mechanism', 'accept-unknown-mechanism', 'fail', /answered <success.* instead of <failure><invalid-mechanism\/>/],
  ['rfc6120.sasl.restart-after-success', 'mechanisms-after-success', 'fail', /^SASL is offered again \(SCRAM-SHA-1-PLUS, SCRAM-SHA-1, PLAIN\)$/],
  ['rfc6120.bind.server-generated', 'bind-without-resource', 'fail', /the returned JID alice@a\.example has no resource/],
  ['rfc6120.bind.client-resource', 'bind-without-resource', 'fail', /the returned JID alice@a\.example has no resource/],
  ['gauntlet.security.cleartext-password-refused', 'cleartext-plain', 'fail', /a password sent in cleartext was accepted/],
];

for (const [id, verdict, reason] of WELL_BEHAVED) {
  t.test(`${id} on the well-behaved fake`, async (t) => {
    const result = await run(t, id);
    t.equal(result.verdict, verdict, result.reason);
    t.match(result.reason, reason);
  });
}

for (const [id, quirk, verdict, reason] of BROKEN) {
  t.test(`${id} notices ${quirk}`, async (t) => {
    const result = await run(t, id, [quirk]);
    t.equal(result.verdict, verdict, result.reason);
    t.match(result.reason, reason);
  });
}

t.test('TLS 1.0/1.1: refused passes; accepted fails, also when we then reject the certificate', async (t) => {
  for (const id of ['rfc8996.tls.legacy-versions-refused', 'gauntlet.security.tls-legacy-versions-refused']) {
    const refused = await run(t, id);
    t.equal(refused.verdict, 'pass', refused.reason);
    t.match(refused.reason, /refused: TLSv1 on STARTTLS port \d+; TLSv1\.1 on STARTTLS port/);
    const accepted = await run(t, id, ['legacy-tls']);
    t.equal(accepted.verdict, 'fail', accepted.reason);
    t.match(accepted.reason, /TLSv1 on STARTTLS port \d+ \(/);
    // The handshake completed, so the server negotiated TLS 1.0: not "refused" (the old false pass).
    const untrusted = await run(t, id, ['legacy-tls'], 'other-ca');
    t.equal(untrusted.verdict, 'fail', untrusted.reason);
    t.match(untrusted.reason, /handshake completed; certificate not trusted/);
  }
});

t.test('TLS 1.2 support and the certificate: both ways', async (t) => {
  const v12 = await run(t, 'rfc9325.tls.tls12-supported');
  t.equal(v12.verdict, 'pass', v12.reason);
  const only13 = await run(t, 'rfc9325.tls.tls12-supported', ['tls13-only']);
  t.equal(only13.verdict, 'fail', only13.reason);
  t.match(only13.reason, /a TLS 1\.2 handshake was refused/);
  const trusted = await run(t, 'rfc6120.tls.certificate-identity');
  t.equal(trusted.verdict, 'pass', trusted.reason);
  const untrusted = await run(t, 'rfc6120.tls.certificate-identity', [], 'other-ca');
  t.equal(untrusted.verdict, 'fail', untrusted.reason);
  const handshake = await run(t, 'rfc6120.tls.starttls-handshake', [], 'other-ca');
  t.equal(handshake.verdict, 'fail', handshake.reason);
  t.match(handshake.reason, /STARTTLS failed/);
});

t.test('rfc6120.tls.starttls-handshake: passes on the well-behaved fake, fails on the FAKE that answers <proceed/> and then no TLS handshake', async (t) => {
  const good = await run(t, 'rfc6120.tls.starttls-handshake');
  t.equal(good.verdict, 'pass', good.reason);
  const noTls = await run(t, 'rfc6120.tls.starttls-handshake', ['no-tls-after-proceed']);
  t.equal(noTls.verdict, 'fail', `a trusted certificate is not the point: the handshake never happens (${noTls.reason})`);
  t.match(noTls.reason, /STARTTLS failed/);
});

t.test('NULL-encryption and anonymous suites: refused passes, accepted fails (RFC check and security profile)', async (t) => {
  for (const id of ['rfc9325.tls.no-null-or-anonymous-suites', 'gauntlet.security.null-anonymous-suites-refused']) {
    const refused = await run(t, id);
    t.equal(refused.verdict, 'pass', refused.reason);
    const accepted = await run(t, id, ['weak-suites']);
    t.equal(accepted.verdict, 'fail', accepted.reason);
    t.match(accepted.reason, /(NULL-encryption|anonymous) suites accepted on STARTTLS port/);
  }
});
