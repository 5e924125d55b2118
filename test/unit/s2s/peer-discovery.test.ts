import t from 'tap';
import { Resolver } from 'node:dns/promises';
import { startDnsServer } from '../../../src/lab/index.js';
import { discoveryProblem, embeddedRecords, operatorRecords, parseDiscovery, resolverConfigLines } from '../../../src/s2s/peer-discovery.js';
import { publishPeerDomains } from '../../../src/s2s/peer-dns.js';

t.test('--peer-dns / peers.find_by parse into a discovery mode', async (t) => {
  t.same(parseDiscovery('embedded:10.0.0.9:5300'), { kind: 'embedded-dns', address: '10.0.0.9', port: 5300 });
  t.same(parseDiscovery('embedded:[::1]:53'), { kind: 'embedded-dns', address: '::1', port: 53 });
  t.same(parseDiscovery('hosts'), { kind: 'hosts' });
  t.same(parseDiscovery('dns'), { kind: 'dns' });
  for (const bad of ['embedded:10.0.0.9', 'embedded::53', 'mdns', 'embedded:1.2.3.4:99999']) t.throws(() => parseDiscovery(bad), { message: /embedded:ADDRESS:PORT/ }, bad);
});

t.test('what each mode needs from the listener', async (t) => {
  t.equal(discoveryProblem({ kind: 'embedded-dns', address: '127.0.0.1', port: 5300 }, { host: '127.0.0.1', port: 0 }, false), undefined, 'embedded: any port, fresh domains');
  t.match(discoveryProblem({ kind: 'embedded-dns', address: '127.0.0.1', port: 5300 }, { host: 'gauntlet', port: 0 }, false), /IPv4 address/);
  t.match(discoveryProblem({ kind: 'hosts' }, { host: '10.0.0.9', port: 5269 }, false), /peer domains named/);
  t.match(discoveryProblem({ kind: 'hosts' }, { host: '10.0.0.9', port: 5270 }, true), /port 5269/);
  t.equal(discoveryProblem({ kind: 'hosts' }, { host: '10.0.0.9', port: 5269 }, true), undefined);
  t.match(discoveryProblem({ kind: 'dns' }, { host: 'gauntlet.example.org', port: 0 }, true), /fixed listener port/);
});

t.test('records for the operator, and resolver lines per server', async (t) => {
  t.same(operatorRecords({ kind: 'hosts' }, ['peer1.gauntlet.test'], { host: '172.20.0.9', port: 5269 }), ['172.20.0.9  peer1.gauntlet.test']);
  t.same(operatorRecords({ kind: 'dns' }, ['p.example.org'], { host: 'gw.example.org', port: 5270 }), ['_xmpp-server._tcp.p.example.org. 300 IN SRV 0 5 5270 gw.example.org.']);
  const lines = resolverConfigLines({ address: '10.0.0.9', port: 5300 });
  t.match(lines.join('\n'), /unbound = \{ resolvconf = false; forward = "10\.0\.0\.9@5300" \}/);
  t.match(lines.join('\n'), /\{nameserver, \{10,0,0,9\}, 5300\}\. \{resolv_conf, ""\}\./);
  t.match(lines.join('\n'), /jabberd2, the environment of its s2s process .*: {2}NAMESERVERS=10\.0\.0\.9 RES_OPTIONS=port:5300/);
  for (const server of ['Prosody', 'ejabberd', 'MongooseIM', 'jabberd2', 'Openfire']) t.ok(lines.some((line) => line.startsWith(server)), server);
});

t.test('the embedded DNS answers A and SRV for the peer domains and reports the questions', async (t) => {
  const questions: string[] = [];
  const dns = await startDnsServer('127.0.0.1', 0, (question, answered) => questions.push(`${question.name} ${answered}`));
  t.teardown(() => dns.close());
  const resolver = new Resolver();
  resolver.setServers([`127.0.0.1:${dns.port}`]);
  const unpublish = publishPeerDomains(dns, ['peer1.gauntlet.test'], { host: '10.1.2.3', port: 5300 });
  t.same(embeddedRecords('peer1.gauntlet.test', { host: '10.1.2.3', port: 5300 }).srv?.[0]?.target, 'peer1.gauntlet.test', 'off loopback the SRV target is the domain itself');
  t.same((await resolver.resolveSrv('_xmpp-server._tcp.peer1.gauntlet.test')).map(({ name, port }) => ({ name, port })), [{ name: 'peer1.gauntlet.test', port: 5300 }]);
  t.same(await resolver.resolve4('peer1.gauntlet.test'), ['10.1.2.3']);
  unpublish();
  await t.rejects(resolver.resolve4('peer1.gauntlet.test'), { code: 'ENOTFOUND' });
  t.ok(questions.includes('peer1.gauntlet.test true') && questions.includes('peer1.gauntlet.test false'), questions.join('; '));
});
