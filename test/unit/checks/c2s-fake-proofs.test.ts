/**
 * Two-sided proofs against the FAKE c2s server (sasl-fake-server.ts) for the rules the lab servers
 * only ever show passing: 'from' stamping and forged 'from' (RFC 6120 §8.1.2.1), the legacy session
 * IQ (RFC 3921 §3), and direct TLS with SNI and ALPN (XEP-0368 §3). Each passes on the well-behaved
 * fake and gives its violation verdict when one quirk breaks exactly that rule.
 */
import t, { type Test } from 'tap';
import { CATALOGUE, runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import type { CheckResult, CheckProfile } from '../../../src/checks/types.js';
import { labCa, labDns } from '../../../src/lab/index.js';
import { DOMAIN, startFakeXmppServer, type FakeQuirk } from './sasl-fake-server.js';
import { startFakeS2sServer } from './s2s-tls-fake-server.js';

const account = (username: string) => ({ username, password: `${username}-pw`, domain: DOMAIN, jid: `${username}@${DOMAIN}` });

async function run(t: Test, id: string, quirks: FakeQuirk[] = [], profile?: CheckProfile): Promise<CheckResult> {
  const fake = await startFakeXmppServer(t, quirks);
  const check = CATALOGUE.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const [result] = await runChecks([check], {
    target: { domain: DOMAIN, host: '127.0.0.1', port: fake.port, directTlsPort: fake.directTlsPort, caPem: fake.caPem },
    accounts: suppliedAccounts([account('alice'), account('bob')]),
    profile,
  });
  return result!;
}

const CASES: Array<[id: string, passes: RegExp, quirk: FakeQuirk, verdict: string, breaks: RegExp]> = [
  ['rfc6120.stream.from-stamped', /^it arrived from alice@a\.example\/|^it arrived from bob@a\.example\//, 'no-from-stamp', 'fail', /arrived from '\(none\)', not /],
  ['rfc6120.stream.forged-from', /overwrote the forged 'from' with /, 'keep-forged-from', 'fail', /delivered with the forged from='someone-else@a\.example\/forged'/],
  ['rfc3921.bind.legacy-session', /<session\/> advertised with <optional\/>; the session IQ gets a result/, 'refuse-session', 'fail', /advertised \(optional\), but the session IQ got .*service-unavailable/],
  ['xep0368.tls.direct-tls', /^TLSv1\.2 from the first byte .*no STARTTLS inside/, 'direct-starttls-inside', 'fail', /STARTTLS is offered inside a direct-TLS connection/],
  ['xep0368.tls.sni-certificate', /a valid certificate for each SNI name: a\.example on STARTTLS port \d+; a\.example on direct-TLS port/, 'sni-wrong-certificate', 'warn', /direct-TLS port \d+: SNI a\.example got a certificate not valid for a\.example/],
  ['xep0368.tls.alpn-xmpp-client', /accepted the handshake and selected no ALPN protocol/, 'refuse-alpn', 'warn', /offering ALPN xmpp-client was refused/],
];

for (const [id, passes, quirk, verdict, breaks] of CASES) {
  t.test(`${id}: passes on the well-behaved fake, ${verdict}s on the fake with ${quirk}`, async (t) => {
    const [good, bad] = await Promise.all([run(t, id), run(t, id, [quirk])]);
    t.equal(good.verdict, 'pass', good.reason);
    t.match(good.reason, passes);
    t.equal(bad.verdict, verdict, bad.reason);
    t.match(bad.reason, breaks);
  });
}

t.test('rfc3921.bind.legacy-session: the RFC 3920 profile also fails a refused session IQ', async (t) => {
  const result = await run(t, 'rfc3921.bind.legacy-session', ['refuse-session'], 'rfc3920');
  t.equal(result.verdict, 'fail', result.reason);
});

t.test('rfc6121.s2s.subscription: a request never routed to the remote domain fails, as does one leaving with a full JID (FAKE c2s plus s2s out)', async (t) => {
  const [issuer, dns] = await Promise.all([labCa(), labDns()]);
  const run = async (quirk: FakeQuirk) => {
    const fake = await startFakeXmppServer(t, [quirk], { issuer, dns });
    const [result] = await runChecks(CATALOGUE.filter((c) => c.id === 'rfc6121.s2s.subscription'), {
      // The fake speaks no inbound s2s: the peer's automatic 'subscribed' to its c2s port fails harmlessly.
      target: { domain: DOMAIN, host: '127.0.0.1', port: fake.port, s2sPort: fake.port, caPem: fake.caPem },
      accounts: suppliedAccounts([account('alice'), account('bob')]),
      peers: { issuer, dns },
    });
    return result!;
  };
  const [dropped, fullJid] = await Promise.all([run('drop-remote-subscribe'), run('subscribe-from-full-jid')]);
  // The main rule: the subscription does not cross the domains at all.
  t.equal(dropped.verdict, 'fail', dropped.reason);
  t.equal(dropped.reason, 'the subscription request never reached the remote contact');
  t.equal(fullJid.verdict, 'fail', fullJid.reason);
  t.match(fullJid.reason, /^the request arrived from '(alice|bob)@a\.example\/[^']+', not the bare JID (alice|bob)@a\.example$/);
});

t.test('xep0220.s2s.initiator-bounces-after-invalid: bounced after invalid passes; dropped fails (FAKE c2s plus s2s out)', async (t) => {
  const [issuer, dns] = await Promise.all([labCa(), labDns()]);
  const run = async (quirks: FakeQuirk[]) => {
    const fake = await startFakeXmppServer(t, quirks, { issuer, dns });
    const [result] = await runChecks(CATALOGUE.filter((c) => c.id === 'xep0220.s2s.initiator-bounces-after-invalid'), {
      target: { domain: DOMAIN, host: '127.0.0.1', port: fake.port, s2sPort: fake.port, caPem: fake.caPem },
      accounts: suppliedAccounts([account('alice'), account('bob')]),
      peers: { issuer, dns },
    });
    return result!;
  };
  const [bounced, dropped] = await Promise.all([run([]), run(['no-bounce-after-invalid'])]);
  t.equal(bounced.verdict, 'pass', bounced.reason);
  t.match(bounced.reason, /came back to the sender as an error \(remote-server-not-found\) and never reached us/);
  t.equal(dropped.verdict, 'fail', dropped.reason);
  t.match(dropped.reason, /no error came back to the sender within 25 s after we answered invalid/);
});

t.test('xep0220.s2s.verify-answers: a server offering dialback that leaves our db:verify unanswered fails (FAKE c2s plus s2s out, FAKE s2s in)', async (t) => {
  const [issuer, dns] = await Promise.all([labCa(), labDns()]);
  const fake = await startFakeXmppServer(t, [], { issuer, dns });
  // The s2s side of the same domain: it offers dialback (feature and namespace), and answers no db:verify.
  const s2sPort = await startFakeS2sServer(t, issuer, dns, [], DOMAIN);
  const [result] = await runChecks(CATALOGUE.filter((c) => c.id === 'xep0220.s2s.verify-answers'), {
    target: { domain: DOMAIN, host: '127.0.0.1', port: fake.port, s2sPort, caPem: fake.caPem },
    accounts: suppliedAccounts([account('alice')]),
    peers: { issuer, dns },
  });
  t.equal(result!.verdict, 'fail', result!.reason);
  t.match(result!.reason, /^db:verify with its own key was answered with nothing$/);
});
