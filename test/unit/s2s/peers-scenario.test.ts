import t from 'tap';
import { loadScenarioText } from '../../../src/scenario/index.js';

const base = (peers: string, flow = '  - login\n') => `target: { lab: prosody }\naccounts: { lab: { count: 2 } }\n${peers}\nflow:\n${flow}`;

t.test('peers: count names numbered domains; defaults for auth, users and listener', async (t) => {
  const scenario = loadScenarioText(base('peers: { count: 2 }'), 's.yaml', { env: {} });
  t.same(scenario.peers, {
    domains: ['peer1.gauntlet.example', 'peer2.gauntlet.example'],
    auth: 'dialback',
    usersPerPeer: 10,
    listen: { host: '127.0.0.1', port: 0, publicHost: undefined },
    discovery: { kind: 'dns' },
    targetS2sPort: undefined,
    caDir: undefined,
    certificates: undefined,
  });
});

t.test('peers: explicit domains, EXTERNAL, a public listener', async (t) => {
  const scenario = loadScenarioText(
    base('peers: { domains: [a.example, b.example], auth: external, users: 3, listen: { port: 5269, public_host: gauntlet.example.org } }'),
    's.yaml',
    { env: {} },
  );
  t.same(scenario.peers, {
    domains: ['a.example', 'b.example'],
    auth: 'external',
    usersPerPeer: 3,
    listen: { host: '127.0.0.1', port: 5269, publicHost: 'gauntlet.example.org' },
    discovery: { kind: 'dns' },
    targetS2sPort: undefined,
    caDir: undefined,
    certificates: undefined,
  });
});

t.test('peers for a target the tool did not start: how it finds them, its s2s port, CA and certificates', async (t) => {
  const peers = (yaml: string) => loadScenarioText(base(yaml), 's.yaml', { env: {} }).peers;
  t.match(peers('peers: { count: 1, find_by: "embedded:10.0.0.9:5300", target_s2s_port: 5270, ca_dir: /var/ca }'), {
    discovery: { kind: 'embedded-dns', address: '10.0.0.9', port: 5300 },
    targetS2sPort: 5270,
    caDir: '/var/ca',
  });
  t.match(peers('peers: { domains: [p1.example], find_by: hosts, certificates: [{ domain: P1.example, cert: c.pem, key: k.pem }] }'), {
    discovery: { kind: 'hosts' },
    certificates: [{ domain: 'p1.example', certFile: 'c.pem', keyFile: 'k.pem' }],
  });
  t.throws(() => peers('peers: { count: 1, find_by: "embedded:10.0.0.9" }'), /find_by/);
  t.throws(() => peers('peers: { count: 1, find_by: mdns }'), /find_by/);
});

t.test('as: peer and to: peer decode on message and subscribe', async (t) => {
  const flow = '  - login\n  - message: { to: peer }\n  - message: { as: peer, to: self }\n  - subscribe: { as: peer, to: self }\n';
  const scenario = loadScenarioText(base('peers: { count: 1 }', flow), 's.yaml', { env: {} });
  const [, toPeer, asPeer, subscribe] = scenario.flow as unknown as Array<Record<string, unknown>>;
  t.match(toPeer, { kind: 'message', to: 'peer' });
  t.notOk('asPeer' in toPeer, 'absent unless set');
  t.match(asPeer, { kind: 'message', to: 'self', asPeer: true });
  t.match(subscribe, { kind: 'subscribe', to: 'self', asPeer: true });
});

t.test('a wrong auth method or an unknown key is refused', async (t) => {
  t.throws(() => loadScenarioText(base('peers: { count: 1, auth: plain }'), 's.yaml', { env: {} }), /auth/);
  t.throws(() => loadScenarioText(base('peers: { count: 1, colour: red }'), 's.yaml', { env: {} }), /colour/);
  t.throws(() => loadScenarioText(base('peers: {}', '  - login\n  - message: { as: someone, to: self }\n'), 's.yaml', { env: {} }), /as/);
});
