/**
 * rank's probes see exactly what each Prosody lab variant changes against the baseline (whose
 * facts rank-probe-prosody.test.ts pins). Hosts are given by address, as a list names a host
 * whose DNS is not public; one server per variant, each probed once.
 */
import t, { type Test } from 'tap';
import { startLab, type VariantName } from '../../src/lab/index.js';
import type { HostFacts } from '../../src/rank/facts.js';
import { probeHost, type ProbeName } from '../../src/rank/probe/index.js';
import { entryByAddress, probeOptions, prosodyAccounts, startObserver } from '../helpers/rank-hosts.js';

/** Only the probes a variant's change shows in, to keep the file short. */
async function probeVariant(t: Test, variant: VariantName, probes: ProbeName[]): Promise<HostFacts> {
  const withObserver = probes.includes('federation');
  const lab = await startLab('prosody', { variant });
  t.teardown(() => lab.stop());
  const observer = withObserver ? await startObserver(lab.caFile, `observer-${variant}.rank.example`) : undefined;
  if (observer) t.teardown(() => observer.close());
  const before = await prosodyAccounts(lab);
  const facts = await probeHost(entryByAddress(lab), { ...(await probeOptions(lab.caFile)), observer, probes });
  t.same(await prosodyAccounts(lab), before, `${variant}: no account was created`);
  t.equal(facts.unreachable, undefined, `${variant}: reachable`);
  t.equal(facts.dns, undefined, `${variant}: given by address, DNS not selected`);
  return facts;
}

t.test('tls-legacy: TLS 1.0 and 1.1 accepted on both c2s endpoints', async (t) => {
  const facts = await probeVariant(t, 'tls-legacy', ['c2s-tls']);
  t.same(facts.c2sTls.map((tls) => tls.mode), ['starttls', 'direct'], 'both c2s endpoints probed');
  for (const tls of facts.c2sTls) {
    t.same(tls.versionsAccepted, ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], `${tls.mode} ${tls.port}: all four versions`);
  }
  t.ok(facts.evidence.some((e) => e.probe.startsWith('TLSv1 ClientHello') && e.seen.startsWith('accepted: TLSv1 ')), 'the TLS 1.0 handshake is in the evidence');
  t.match(facts.unknown, { s2sTls: /not selected/, features: /not selected/, federation: /not selected/ }, 'probes not selected are unknown, with the reason');
});

t.test('plain-before-tls: STARTTLS optional and PLAIN offered on the cleartext stream', async (t) => {
  const facts = await probeVariant(t, 'plain-before-tls', ['features']);
  t.match(facts.features, { startTlsOffered: true, startTlsRequired: false }, 'STARTTLS offered, not required');
  t.ok(facts.features?.mechanismsBeforeTls.includes('PLAIN'), `mechanisms before TLS: ${facts.features?.mechanismsBeforeTls.join(' ')}`);
});

t.test('no-ibr: registration neither advertised nor answered', async (t) => {
  const facts = await probeVariant(t, 'no-ibr', ['features']);
  t.match(facts.features, { registrationOffered: false, registrationFields: [] }, 'no registration');
  t.ok(facts.evidence.some((e) => /jabber:iq:register/.test(e.probe) && /iq error/.test(e.seen)), 'the form request was answered with an error');
});

t.test('s2s-cleartext: s2s TLS offered but not required', async (t) => {
  const facts = await probeVariant(t, 's2s-cleartext', ['federation']);
  t.match(facts.federation, { reachable: true, tlsOffered: true, tlsRequired: false, dialbackAccepted: true }, 'federation facts');
});

t.test('no-dialback: our dialback key is not accepted, EXTERNAL still is', async (t) => {
  const facts = await probeVariant(t, 'no-dialback', ['federation']);
  t.match(facts.federation, { reachable: true, tlsRequired: true, dialbackAccepted: false, dialedBack: false, externalAccepted: true }, 'federation facts');
  t.match(facts.inventory?.software, { name: 'Prosody' }, 'the inventory is read over an EXTERNAL link instead');
});
