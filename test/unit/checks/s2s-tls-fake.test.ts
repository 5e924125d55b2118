/**
 * Dialback errors (XEP-0220 §2.2.1, §2.5), a dialback key left unanswered by a server that offers
 * dialback (XEP-0220 §2.1.2, §2.2.1), SASL EXTERNAL for a mismatching certificate
 * (XEP-0178 §3) and the answer to an IQ for a missing user (RFC 6121 §8.5.1) against the FAKE s2s server (s2s-tls-fake-server.ts): each check passes on the
 * well-behaved fake and gives its violation verdict when one quirk breaks exactly that rule.
 */
import t, { type Test } from 'tap';
import { CATALOGUE, runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import type { CheckResult } from '../../../src/checks/types.js';
import { labCa, labDns } from '../../../src/lab/index.js';
import { FAKE_S2S_DOMAIN, startFakeS2sServer, type S2sFakeQuirk } from './s2s-tls-fake-server.js';

async function run(t: Test, id: string, quirks: S2sFakeQuirk[] = []): Promise<CheckResult> {
  const [ca, dns] = await Promise.all([labCa(), labDns()]);
  const port = await startFakeS2sServer(t, ca, dns, quirks);
  const check = CATALOGUE.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const [result] = await runChecks([check], {
    target: { domain: FAKE_S2S_DOMAIN, host: '127.0.0.1', port, s2sPort: port, caPem: ca.certPem },
    // An account for the checks that need one: the violations below come before any login.
    accounts: suppliedAccounts([{ username: 'alice', password: 'alice-pw', domain: FAKE_S2S_DOMAIN, jid: `alice@${FAKE_S2S_DOMAIN}` }]),
    peers: { issuer: ca, dns },
  });
  return result!;
}

t.test('xep0220.s2s.unknown-target-domain: a dialback error passes; closing the stream fails', async (t) => {
  const [error, closed] = await Promise.all([run(t, 'xep0220.s2s.unknown-target-domain'), run(t, 'xep0220.s2s.unknown-target-domain', ['close-on-unknown-target'])]);
  t.equal(error.verdict, 'pass', error.reason);
  t.match(error.reason, /→ type=error <item-not-found\/>, stream still open/);
  t.equal(closed.verdict, 'fail', closed.reason);
  t.match(closed.reason, /the stream was closed \(host-unknown\) after a db:result to stranger-/);
});

t.test('dialback offered (feature and namespace) but our key never answered: verifies-key, valid-result and invalid-result fail', async (t) => {
  const ids = ['xep0220.s2s.verifies-key', 'xep0220.s2s.valid-result', 'xep0220.s2s.invalid-result'];
  const [verifies, valid, invalid] = await Promise.all(ids.map((id) => run(t, id)));
  t.equal(verifies!.verdict, 'fail', verifies!.reason);
  t.match(verifies!.reason, /^dialback with the target failed: /);
  for (const result of [valid!, invalid!]) {
    t.equal(result.verdict, 'fail', result.reason);
    t.match(result.reason, /was answered with nothing$/);
  }
});

t.test('xep0178.s2s.external-needs-matching-certificate: withheld for a mismatch passes; granted warns', async (t) => {
  const id = 'xep0178.s2s.external-needs-matching-certificate';
  const [withheld, granted] = await Promise.all([run(t, id), run(t, id, ['external-for-any-certificate'])]);
  t.equal(withheld.verdict, 'pass', withheld.reason);
  t.match(withheld.reason, /withheld for a mismatching one/);
  t.equal(granted.verdict, 'warn', granted.reason);
  t.match(granted.reason, /EXTERNAL succeeded for other-.* with a certificate naming only /);
});

t.test('rfc6121.s2s.iq-missing-user: service-unavailable back over s2s passes; another condition fails', async (t) => {
  const id = 'rfc6121.s2s.iq-missing-user';
  const [right, wrong] = await Promise.all([run(t, id), run(t, id, ['missing-user-item-not-found'])]);
  t.equal(right.verdict, 'pass', right.reason);
  t.equal(wrong.verdict, 'fail', wrong.reason);
  t.match(wrong.reason, /the IQ to a missing user got <item-not-found\/>, not <service-unavailable\/>/);
});
