import t from 'tap';
import { readFile } from 'node:fs/promises';
import { startLab } from '../../src/lab/index.js';
import type { LabServer } from '../../src/lab/types.js';
import { MetricsRegistry } from '../../src/metrics/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { createFlowRunner } from '../../src/steps/index.js';
import type { ConnectionTarget, ErrorSink, IterationOutcome, VirtualUser } from '../../src/steps/types.js';
import { openSession, xml } from '../../src/xmpp/index.js';

const USERS = 4;
let lab: LabServer;
let target: ConnectionTarget;
const users: VirtualUser[] = [];

t.before(async () => {
  lab = await startLab('prosody');
  const accounts = await lab.createAccounts(Array.from({ length: USERS }, (_, i) => ({ username: `user${i + 1}`, password: `pw-${i + 1}` })));
  accounts.forEach((account, i) => users.push({ n: i + 1, ...account }));
  target = { domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, tls: 'starttls', caPem: await readFile(lab.caFile, 'utf8'), allowCleartextAuth: false };
});
t.teardown(() => lab?.stop());

class Errors implements ErrorSink {
  readonly records: string[] = [];
  record(kind: string, message: string, context?: { step?: string }): void {
    this.records.push(`${kind} in ${context?.step}: ${message}`);
  }
}

/** Runs `flow` once for each of `which` users at the same time. */
async function runFlow(flow: string, which: VirtualUser[]) {
  const scenario = loadScenarioText(`target: { lab: prosody }\naccounts: { lab: {} }\noptions: { timeout: 5s }\nflow:\n${flow}`, 'steps.yaml');
  const metrics = new MetricsRegistry();
  const errors = new Errors();
  const runner = createFlowRunner({ scenario, target, metrics, errors });
  const signal = new AbortController().signal;
  const outcomes: IterationOutcome[] = await Promise.all(which.map((user) => runner.runIteration(user, { signal, iteration: 0 })));
  await runner.closeAll();
  return { outcomes, metrics, errors: errors.records };
}

t.test('two users meet, exchange stamped messages, ping, send raw XML and expect it', async (t) => {
  const { outcomes, metrics, errors } = await runFlow(
    `  - login
  - presence
  - wait: online
  - message: { to: random-online, body: 'hello from {user}' }
  - expect: "<message type='chat'><body>hello from *</body></message>"
  - iq
  - raw: "<message to='{user}@{domain}' type='normal'><body>raw note {n}</body></message>"
  - expect: "<message type='normal'><body>raw note {n}</body></message>"
  - wait: done
  - disconnect
`,
    users.slice(0, 2),
  );
  t.same(errors, []);
  t.same(outcomes, ['completed', 'completed']);
  t.equal(metrics.counterTotal('connections_opened'), 2);
  for (const key of ['tcp_connect', 'tls_handshake', 'sasl_auth', 'bind', 'login_total', 'message_e2e', 'iq_rtt{kind=ping}']) {
    t.equal(metrics.latency(key)?.count, 2, `${key}: one sample per user`);
  }
  t.equal(metrics.counterTotal('stanzas_sent{kind=message}'), 4, 'two stamped, two raw');
  const e2e = metrics.latency('message_e2e')!;
  t.ok(e2e.valueAtPercentileUs(100) < 2_000_000, `message_e2e max ${(e2e.valueAtPercentileUs(100) / 1000).toFixed(2)} ms`);
  t.comment(`message_e2e p50 ${(e2e.valueAtPercentileUs(50) / 1000).toFixed(2)} ms, login_total p50 ${(metrics.latency('login_total')!.valueAtPercentileUs(50) / 1000).toFixed(1)} ms`);
});

t.test('roster set/get/remove, subscribe and approve between two users', async (t) => {
  const { outcomes, metrics, errors } = await runFlow(
    `  - login
  - roster.get
  - presence
  - wait: online
  - subscribe: { to: random-online }
  - approve
  - wait: approved
  - presence: { show: away, status: 'back soon' }
  - roster.set: { jid: 'friend-of-{user}@{domain}', name: Friend, groups: [Pals] }
  - roster.get
  - roster.remove: { jid: 'friend-of-{user}@{domain}' }
  - message: { to: contact, body: 'to a contact' }
  - expect: "<message><body>to a contact</body></message>"
  - wait: end
`,
    users.slice(0, 2),
  );
  t.same(errors, []);
  t.same(outcomes, ['completed', 'completed']);
  t.equal(metrics.latency('roster_get')?.count, 4);
  t.equal(metrics.latency('presence_e2e')?.count, 2, 'each timed the other one’s broadcast, not the resends');

  // What the server kept, seen from a fresh session: the other user both ways, no friend.
  const session = await openSession({ ...target, ca: target.caPem, domain: users[0]!.domain, username: users[0]!.username, password: users[0]!.password, timeoutMs: 5000 });
  t.teardown(() => session.close());
  const roster = await session.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
  const items = roster.getChild('query')!.getChildren('item').map((item) => [item.attrs.jid, item.attrs.subscription]);
  t.same(items, [[users[1]!.jid, 'both']]);
});

t.test('a message stored offline is timed from the receiver’s initial presence', async (t) => {
  const flow = `  - login
  - presence
  - message: { to: 'user4', body: 'stored for later' }
  - think: 300ms
`;
  const scenario = loadScenarioText(`target: { lab: prosody }\naccounts: { lab: {} }\nflow:\n${flow}`, 'offline.yaml');
  const metrics = new MetricsRegistry();
  const errors = new Errors();
  const runner = createFlowRunner({ scenario, target, metrics, errors });
  const signal = new AbortController().signal;
  t.equal(await runner.runIteration(users[2]!, { signal, iteration: 0 }), 'completed', 'user3 writes to offline user4');
  t.equal(await runner.runIteration(users[3]!, { signal, iteration: 0 }), 'completed', 'user4 comes online');
  await runner.closeAll();
  t.same(errors.records, []);
  t.equal(metrics.latency('offline_delivery')?.count, 1);
  t.equal(metrics.latency('message_e2e')?.count, 1, 'only user4’s message to itself was live');
  t.comment(`offline_delivery ${(metrics.latency('offline_delivery')!.valueAtPercentileUs(50) / 1000).toFixed(2)} ms`);
});
