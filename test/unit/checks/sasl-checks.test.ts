/**
 * The SCRAM, failure and binding checks against a FAKE server (sasl-fake-server.ts): each passes
 * on the well-behaved fake and reports a violation when one quirk breaks the rule it checks.
 */
import t, { type Test } from 'tap';
import { runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import { checks as bindChecks } from '../../../src/checks/bind/index.js';
import { checks as saslChecks } from '../../../src/checks/sasl/index.js';
import { checks as tlsChecks } from '../../../src/checks/tls/index.js';
import type { CheckResult } from '../../../src/checks/types.js';
import { DOMAIN, startFakeXmppServer, type FakeQuirk } from './sasl-fake-server.js';

const ALL = [...tlsChecks, ...saslChecks, ...bindChecks];
const account = (username: string) => ({ username, password: `${username}-pw`, domain: DOMAIN, jid: `${username}@${DOMAIN}` });

async function run(t: Test, id: string, quirks: FakeQuirk[] = []): Promise<CheckResult> {
  const fake = await startFakeXmppServer(t, quirks);
  const check = ALL.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const [result] = await runChecks([check], {
    target: { domain: DOMAIN, host: '127.0.0.1', port: fake.port, caPem: fake.caPem },
    accounts: suppliedAccounts([account('alice'), account('bob')]),
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
