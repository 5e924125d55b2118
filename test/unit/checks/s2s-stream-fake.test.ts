/**
 * s2s stream rules against a scripted FAKE s2s server (every byte written by the test): STARTTLS
 * offered or not (RFC 6120 §5.3.1), and a header to a domain it does not host (§4.9.3.6). Each
 * check passes on the script that follows its rule and fails on the one that breaks exactly it.
 */
import t, { type Test } from 'tap';
import { CATALOGUE, runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import type { CheckResult } from '../../../src/checks/types.js';
import { startScriptedServer, streamError, type ScriptedConnection } from '../../helpers/scripted-server.js';

const DOMAIN = 'fake-s2s.example';
const S2S_HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' id='fake-s2s-1' from='${DOMAIN}' version='1.0'>`;
const STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>";
const DIALBACK = "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback>";

async function runAgainst(t: Test, id: string, script: (c: ScriptedConnection) => Promise<void>): Promise<CheckResult> {
  const server = await startScriptedServer(script);
  t.teardown(() => server.close());
  const check = CATALOGUE.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const [result] = await runChecks([check], {
    target: { domain: DOMAIN, host: '127.0.0.1', port: server.port, s2sPort: server.port },
    accounts: suppliedAccounts([]),
  });
  return result!;
}

/** Answers every s2s header with its own header and `features`, whatever the header named. */
const offers = (features: string) => async (c: ScriptedConnection) => {
  await c.expect(/<stream:stream[^>]*>/);
  c.send(`${S2S_HEADER}<stream:features>${features}</stream:features>`);
  await c.expect(/<\/stream:stream>/, 10_000).catch(() => undefined);
  c.end();
};

t.test('rfc6120.s2s.starttls-offered: passes when the s2s features offer STARTTLS, fails when they do not', async (t) => {
  const [offered, missing] = await Promise.all([
    runAgainst(t, 'rfc6120.s2s.starttls-offered', offers(STARTTLS + DIALBACK)),
    runAgainst(t, 'rfc6120.s2s.starttls-offered', offers(DIALBACK)),
  ]);
  t.equal(offered.verdict, 'pass', offered.reason);
  t.equal(missing.verdict, 'fail', missing.reason);
  t.match(missing.reason, /the s2s features do not offer STARTTLS/);
});

t.test('rfc6120.s2s.host-unknown: <host-unknown/> passes, serving a stream to a stranger domain as that domain fails', async (t) => {
  const refuses = async (c: ScriptedConnection) => {
    await c.expect(/<stream:stream[^>]*>/);
    c.send(`${S2S_HEADER}${streamError('host-unknown')}</stream:stream>`);
    c.end();
  };
  const servesAsAsked = async (c: ScriptedConnection) => {
    const to = /to='([^']+)'/.exec(await c.expect(/<stream:stream[^>]*>/))![1]!;
    c.send(`${S2S_HEADER.replace(`from='${DOMAIN}'`, `from='${to}'`)}<stream:features>${STARTTLS}${DIALBACK}</stream:features>`);
    await c.expect(/<\/stream:stream>/, 10_000).catch(() => undefined);
    c.end();
  };
  const [refused, asStranger, asOwn] = await Promise.all([
    runAgainst(t, 'rfc6120.s2s.host-unknown', refuses),
    runAgainst(t, 'rfc6120.s2s.host-unknown', servesAsAsked),
    runAgainst(t, 'rfc6120.s2s.host-unknown', offers(STARTTLS + DIALBACK)),
  ]);
  t.equal(refused.verdict, 'pass', refused.reason);
  t.equal(asStranger.verdict, 'fail', asStranger.reason);
  t.match(asStranger.reason, /an s2s stream to stranger-\w+\.example was accepted with features, the reply header claiming to be from stranger-/);
  t.equal(asOwn.verdict, 'info', `served as its own domain: RFC 6120 §4.7.1 kept (${asOwn.reason})`);
});
