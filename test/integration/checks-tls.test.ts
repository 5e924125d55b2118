/**
 * Area B (STARTTLS, direct TLS, versions, suites, certificate) against real lab servers.
 * Baseline: MUST checks pass; deviations are pinned with their evidence. Variants: plain-before-tls
 * makes the "TLS required" check warn and the "nothing before TLS" check skip; tls-legacy makes
 * the TLS-version check fail.
 */
import t from 'tap';
import { checks } from '../../src/checks/tls/index.js';
import { expectAreaVerdicts } from '../helpers/area-verdicts.js';
import type { ExpectedVerdicts } from '../helpers/check-verdicts.js';

const CONFORMANT: ExpectedVerdicts = {
  'rfc6120.tls.starttls-required': 'pass',
  'rfc6120.tls.no-auth-before-tls': 'pass',
  'rfc6120.tls.starttls-handshake': 'pass',
  'rfc6120.tls.no-starttls-after-tls': 'pass',
  'xep0368.tls.direct-tls': 'pass',
  'xep0368.tls.sni-certificate': 'pass',
  'xep0368.tls.alpn-xmpp-client': 'pass',
  'rfc9325.tls.tls12-supported': 'pass',
  'rfc8996.tls.legacy-versions-refused': 'pass',
  'rfc9325.tls.no-null-or-anonymous-suites': 'pass',
  'rfc9325.tls.forward-secrecy': 'pass',
  'rfc6120.tls.certificate-identity': 'pass',
  'rfc6120.tls.certificate-strength': 'info',
  // The lab publishes its SRV records on its own DNS server only, not to the system resolver.
  'xep0368.tls.srv-records': 'info',
};

/** ejabberd's default cipher list ("HIGH:…") keeps the static-RSA suites (a SHOULD). */
const EJABBERD_BASELINE: ExpectedVerdicts = { ...CONFORMANT, 'rfc9325.tls.forward-secrecy': 'warn' };

t.test('the expected table names every TLS check', async (t) => {
  t.same(Object.keys(CONFORMANT).sort(), checks.map((check) => check.id).sort());
});

t.test('Prosody baseline: everything passes', async (t) => {
  await expectAreaVerdicts(t, checks, { kind: 'prosody', variant: 'baseline' }, CONFORMANT);
});

t.test('ejabberd baseline: everything passes but forward secrecy', async (t) => {
  const results = await expectAreaVerdicts(t, checks, { kind: 'ejabberd', variant: 'baseline' }, EJABBERD_BASELINE);
  t.match(results.get('rfc9325.tls.forward-secrecy')!.reason, /RSA key transport accepted .*AES256-GCM-SHA384/, 'evidence: a kRSA suite was negotiated');
});

for (const kind of ['prosody', 'ejabberd'] as const) {
  const baseline = kind === 'prosody' ? CONFORMANT : EJABBERD_BASELINE;

  t.test(`${kind} plain-before-tls: TLS-required warns, auth-before-TLS skips, nothing else moves`, async (t) => {
    const expected: ExpectedVerdicts = { ...baseline, 'rfc6120.tls.starttls-required': 'warn', 'rfc6120.tls.no-auth-before-tls': 'skip' };
    const results = await expectAreaVerdicts(t, checks, { kind, variant: 'plain-before-tls' }, expected);
    t.match(results.get('rfc6120.tls.starttls-required')!.reason, /TLS is optional: STARTTLS without <required\/>/);
  });

  t.test(`${kind} tls-legacy: the version check fails`, async (t) => {
    // The variant also widens the cipher list to DEFAULT:@SECLEVEL=0, which lets static RSA in.
    const expected: ExpectedVerdicts = { ...baseline, 'rfc8996.tls.legacy-versions-refused': 'fail', 'rfc9325.tls.forward-secrecy': 'warn' };
    const results = await expectAreaVerdicts(t, checks, { kind, variant: 'tls-legacy' }, expected);
    t.match(results.get('rfc8996.tls.legacy-versions-refused')!.reason, /TLSv1 on STARTTLS port.*TLSv1\.1 on STARTTLS port.*TLSv1 on direct-TLS port.*TLSv1\.1 on direct-TLS port/);
  });
}
