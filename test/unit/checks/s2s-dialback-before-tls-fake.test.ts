import t from 'tap';
import { Resolver } from 'node:dns/promises';
import { runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import { checks as s2sChecks } from '../../../src/checks/s2s/index.js';
import { labCa, labDns } from '../../../src/lab/index.js';
import { PeerCertificates, verifyWithAuthority } from '../../../src/s2s/index.js';
import { startScriptedServer } from '../../helpers/scripted-server.js';

/**
 * A named fake s2s server breaking exactly one rule: it marks STARTTLS required, yet runs dialback
 * on the cleartext stream — verifying the key properly with the peer's authoritative server (our
 * listener, through the tool's own verify code) and answering type='valid'. No real server does
 * this; it proves that rfc6120.s2s.tls-before-dialback can fail on its dialback half.
 */
const DOMAIN = 'fake-s2s.example';
const S2S_HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' id='fake-1' from='${DOMAIN}' version='1.0'>`;

t.test('tls-before-dialback fails on a server that accepts a verified dialback key before TLS', async (t) => {
  const [ca, dns] = await Promise.all([labCa(), labDns()]);
  const resolver = new Resolver();
  resolver.setServers([`${dns.address}:${dns.port}`]);
  const server = await startScriptedServer(async (c) => {
    await c.expect(/<stream:stream[^>]*>/);
    c.send(`${S2S_HEADER}<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`);
    const sent = await c.expect(/<db:result[^>]*>([^<]+)<\/db:result>/);
    const peer = /from=['"]([^'"]+)['"]/.exec(sent)![1]!;
    const key = /<db:result[^>]*>([^<]+)<\/db:result>/.exec(sent)![1]!;
    const [srv] = await resolver.resolveSrv(`_xmpp-server._tcp.${peer}`);
    const answer = await verifyWithAuthority({ receiving: DOMAIN, originating: peer, streamId: 'fake-1', key }, { host: '127.0.0.1', port: srv!.port }, new PeerCertificates(ca), 5000);
    c.send(`<db:result from='${DOMAIN}' to='${peer}' type='${answer}'/>`);
    await c.expect(/<\/stream:stream>/, 10_000).catch(() => undefined);
  });
  t.teardown(() => server.close());
  const check = s2sChecks.find((c) => c.id === 'rfc6120.s2s.tls-before-dialback')!;
  const [result] = await runChecks([check], {
    target: { domain: DOMAIN, host: '127.0.0.1', port: server.port, s2sPort: server.port, caPem: ca.certPem },
    accounts: suppliedAccounts([]),
    peers: { issuer: ca, dns },
  });
  t.equal(result?.verdict, 'fail', result?.reason);
  t.match(result?.reason, /sent before TLS was accepted \(type=valid\)/);
});
