import t from 'tap';
import { Resolver } from 'node:dns/promises';
import { labDns } from '../../../src/lab/index.js';
import { checkPeerDns, describePeerDns, publishPeerDomains } from '../../../src/s2s/peer-dns.js';

t.test('peer domains published in the lab DNS resolve to the listener, and are withdrawn', async (t) => {
  const dns = await labDns();
  const resolver = new Resolver();
  resolver.setServers([`${dns.address}:${dns.port}`]);
  const unpublish = publishPeerDomains(dns, ['peer1.gauntlet.example', 'Peer2.Gauntlet.example'], { host: '127.0.0.1', port: 45269 });
  const srv = await resolver.resolveSrv('_xmpp-server._tcp.peer2.gauntlet.example');
  t.same(srv.map(({ name, port }) => ({ name, port })), [{ name: 'localhost', port: 45269 }]);
  t.same(await resolver.resolve4('peer1.gauntlet.example'), ['127.0.0.1']);
  unpublish();
  await t.rejects(resolver.resolveSrv('_xmpp-server._tcp.peer1.gauntlet.example'), { code: 'ENOTFOUND' });
});

t.test('records for a real target are printed and checked', async (t) => {
  t.same(describePeerDns(['peer1.example.org'], { publicHost: 'gauntlet.example.org', port: 5269 }), [
    '_xmpp-server._tcp.peer1.example.org. 300 IN SRV 0 5 5269 gauntlet.example.org.',
  ]);
  // .invalid never resolves (RFC 6761), so the check reports the missing record.
  const problems = await checkPeerDns(['peer1.gauntlet.invalid'], { publicHost: 'gauntlet.example.org', port: 5269 });
  t.equal(problems.length, 1);
  t.match(problems[0], /_xmpp-server\._tcp\.peer1\.gauntlet\.invalid should point at gauntlet\.example\.org:5269 \(found no SRV record\)/);
});
