import t from 'tap';
import { Resolver } from 'node:dns/promises';
import { labDns } from '../../../src/lab/dns.js';

async function resolverFor(): Promise<Resolver> {
  const dns = await labDns();
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`${dns.address}:${dns.port}`]);
  return resolver;
}

t.test('answers A and SRV for registered domains only', async (t) => {
  const dns = await labDns();
  t.equal(await labDns(), dns, 'one per process');
  t.equal(dns.address, '127.0.0.1');
  dns.addDomain('peer.lab.example', {
    a: '127.0.0.1',
    srv: [
      { service: '_xmpp-server._tcp', port: 5269, target: 'localhost' },
      { service: '_xmpp-client._tcp', port: 5222, target: 'peer.lab.example' },
    ],
  });
  t.teardown(() => dns.removeDomain('peer.lab.example'));
  const resolver = await resolverFor();

  t.same(await resolver.resolve4('peer.lab.example'), ['127.0.0.1']);
  t.same(await resolver.resolve4('PEER.Lab.Example'), ['127.0.0.1'], 'names are case-insensitive');
  const [server] = await resolver.resolveSrv('_xmpp-server._tcp.peer.lab.example');
  t.match(server, { name: 'localhost', port: 5269 });
  const [client] = await resolver.resolveSrv('_xmpp-client._tcp.peer.lab.example');
  t.match(client, { name: 'peer.lab.example', port: 5222 });
  await t.rejects(resolver.resolveSrv('_xmpps-client._tcp.peer.lab.example'), { code: 'ENODATA' }, 'known domain, no such SRV');
  await t.rejects(resolver.resolve6('peer.lab.example'), { code: 'ENODATA' }, 'AAAA is empty, not NXDOMAIN');
  t.same(await resolver.resolve4('localhost'), ['127.0.0.1'], 'localhost is loopback (RFC 6761): the SRV targets');
  await t.rejects(resolver.resolve4('stranger.example'), { code: 'ENOTFOUND' }, 'NXDOMAIN for anything else');
  await t.rejects(resolver.resolve4('example.com'), { code: 'ENOTFOUND' }, 'never forwards');
});

t.test('removeDomain forgets a domain', async (t) => {
  const dns = await labDns();
  dns.addDomain('gone.lab.example', { a: '127.0.0.1' });
  const resolver = await resolverFor();
  t.same(await resolver.resolve4('gone.lab.example'), ['127.0.0.1']);
  dns.removeDomain('gone.lab.example');
  await t.rejects(resolver.resolve4('gone.lab.example'), { code: 'ENOTFOUND' });
});

t.test('close releases the server and a later call starts a new one', async (t) => {
  const first = await labDns();
  await first.close();
  const second = await labDns();
  t.not(second, first);
  t.teardown(() => second.close());
  second.addDomain('again.lab.example', { a: '127.0.0.1' });
  t.same(await (await resolverFor()).resolve4('again.lab.example'), ['127.0.0.1']);
});
