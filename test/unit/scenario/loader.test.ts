import { readdirSync } from 'node:fs';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadScenarioFile, loadScenarioText, redactScenario, Secret, type Scenario, type Step } from '../../../src/scenario/index.js';
import { isGauntletError } from '../../../src/util/errors.js';

const scenariosDir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

const MINIMAL = ['target: { domain: example.org }', 'accounts: { pattern: { password: secret } }', 'flow: [login]'];

function load(lines: string[], file = '/srv/tests/minimal.yaml', env?: Record<string, string>): Scenario {
  return loadScenarioText(lines.join('\n'), file, { env });
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

t.test('every bundled scenario loads', async (t) => {
  const files = readdirSync(scenariosDir).filter((name) => /\.ya?ml$/.test(name));
  t.ok(files.includes('smoke.yaml') && files.includes('chat-load.yaml'));
  for (const name of files) {
    const scenario = await loadScenarioFile(`${scenariosDir}${name}`);
    t.ok(scenario.flow.length > 0 || scenario.checks !== undefined || scenario.httpLoad.length > 0, `${name} has a flow, checks or HTTP load`);
    t.ok(isDeepFrozen(scenario), `${name} is deeply frozen`);
  }
});

t.test('the smoke scenario decodes to engine-friendly steps', async (t) => {
  const scenario = await loadScenarioFile(`${scenariosDir}smoke.yaml`);
  t.same(scenario.target, { kind: 'lab', server: 'prosody', variant: 'baseline' });
  t.equal(scenario.accounts?.source, 'lab');
  t.same(
    scenario.flow.map((step) => step.kind),
    ['login', 'presence', 'roster.get', 'wait', 'message', 'expect', 'wait', 'disconnect'],
  );
  const expect = scenario.flow.find((step) => step.kind === 'expect');
  t.equal(expect?.timeoutMs, 5000, 'a step timeout overrides options.timeout');
  t.equal(scenario.flow[0]!.timeoutMs, 10_000, 'other steps get options.timeout');
  t.same(scenario.load.phases[0], { executor: 'constant-users', name: 'two users, once', users: 2, durationMs: undefined, iterations: 1 });
});

t.test('a loaded scenario cannot be changed', async (t) => {
  const scenario = load(MINIMAL);
  t.throws(() => {
    (scenario as { name: string }).name = 'changed';
  }, TypeError);
  t.throws(() => (scenario.flow as Step[]).push(scenario.flow[0]!), TypeError);
});

t.test('defaults', async (t) => {
  const scenario = load(MINIMAL);
  t.equal(scenario.name, 'minimal', 'name from the file name');
  t.equal(scenario.file, '/srv/tests/minimal.yaml');
  t.same(scenario.target, { kind: 'server', domains: ['example.org'], host: undefined, port: undefined, tls: 'starttls', ca: undefined, allowCleartextAuth: false });
  t.same(scenario.load, { maxUsers: undefined, phases: [{ executor: 'constant-users', name: 'phase 1', users: 1, durationMs: undefined, iterations: 1 }] });
  t.match(scenario.accounts, { source: 'pattern', username: 'user{n}', from: 1, count: 1, cleanup: false });
  t.same(scenario.flow, [{ kind: 'login', mechanism: 'auto', resource: undefined, timeoutMs: 10_000 }]);
  t.same(scenario.options, { timeoutMs: 10_000, quiet: false, out: undefined });
  t.same(scenario.thresholds, {});
});

t.test('ports default by TLS mode once a host is given; relative paths follow the file', async (t) => {
  const starttls = load(['target: { domain: example.org, host: 127.0.0.1, ca: certs/ca.pem }', ...MINIMAL.slice(1), 'options: { out: ../reports }']);
  t.match(starttls.target, { port: 5222, ca: '/srv/tests/certs/ca.pem' });
  t.equal(starttls.options.out, '/srv/reports');
  const direct = load(['target: { domain: example.org, host: 127.0.0.1, tls: direct }', ...MINIMAL.slice(1)]);
  t.match(direct.target, { port: 5223 });
  const explicit = load(['target: { domain: example.org, host: 127.0.0.1, port: 15222 }', ...MINIMAL.slice(1)]);
  t.match(explicit.target, { port: 15222 });
});

t.test('every step form decodes to a kind with its options', async (t) => {
  const scenario = load([
    ...MINIMAL.slice(0, 2),
    'options: { timeout: 3s }',
    'flow:',
    '  - login: { mechanism: SCRAM-SHA-256, resource: "bot-{n}" }',
    '  - presence: { show: dnd, status: busy, priority: 5 }',
    '  - roster.get:',
    '  - roster.set: { jid: "user{n}@{domain}", name: Friend, groups: [load] }',
    '  - roster.remove: { jid: friend@example.org }',
    '  - subscribe: { to: "user1" }',
    '  - approve',
    '  - message: { to: random-online, size: 100, count: 3, type: headline }',
    '  - message: { to: "user{n}@{domain}", body: "hi #{seq}" }',
    '  - expect: "<message/>"',
    '  - iq',
    "  - iq: \"<iq type='get'><query xmlns='jabber:iq:version'/></iq>\"",
    '  - iq: { request: ping, to: "{domain}", timeout: 1s }',
    '  - think: 250ms',
    '  - think: { uniform: [1s, 2s] }',
    '  - think: { exponential: 2s }',
    '  - think: { constant: 1m }',
    '  - wait: ready',
    '  - wait: { barrier: end, timeout: 1m }',
    '  - loop:',
    '      count: 2',
    '      steps:',
    '        - raw: "<presence/>"',
    '        - loop: { duration: 10s, steps: [disconnect] }',
  ]);
  const [login, presence, rosterGet, rosterSet, rosterRemove, subscribe, approve, sized, templated, expect, ping, version, iq, think, uniform, exponential, constant, wait, barrier, loop] =
    scenario.flow;
  t.same(login, { kind: 'login', mechanism: 'SCRAM-SHA-256', resource: 'bot-{n}', timeoutMs: 3000 });
  t.same(presence, { kind: 'presence', type: 'available', show: 'dnd', status: 'busy', priority: 5, timeoutMs: 3000 });
  t.same(rosterGet, { kind: 'roster.get', timeoutMs: 3000 });
  t.same(rosterSet, { kind: 'roster.set', jid: 'user{n}@{domain}', name: 'Friend', groups: ['load'], timeoutMs: 3000 });
  t.same(rosterRemove, { kind: 'roster.remove', jid: 'friend@example.org', timeoutMs: 3000 });
  t.same(subscribe, { kind: 'subscribe', to: { jid: 'user1' }, timeoutMs: 3000 });
  t.same(approve, { kind: 'approve', from: undefined, timeoutMs: 3000 });
  t.same(sized, { kind: 'message', to: 'random-online', body: undefined, size: 100, type: 'headline', count: 3, timeoutMs: 3000 });
  t.same(templated, { kind: 'message', to: { jid: 'user{n}@{domain}' }, body: 'hi #{seq}', size: undefined, type: 'chat', count: 1, timeoutMs: 3000 });
  t.same(expect, { kind: 'expect', stanza: '<message/>', timeoutMs: 3000 });
  t.same(ping, { kind: 'iq', request: 'ping', to: undefined, timeoutMs: 3000 });
  t.same(version, { kind: 'iq', request: { xml: "<iq type='get'><query xmlns='jabber:iq:version'/></iq>" }, to: undefined, timeoutMs: 3000 });
  t.same(iq, { kind: 'iq', request: 'ping', to: '{domain}', timeoutMs: 1000 });
  t.same(think, { kind: 'think', delay: { distribution: 'constant', ms: 250 }, timeoutMs: 3000 });
  t.same(uniform, { kind: 'think', delay: { distribution: 'uniform', minMs: 1000, maxMs: 2000 }, timeoutMs: 3000 });
  t.same(exponential, { kind: 'think', delay: { distribution: 'exponential', meanMs: 2000 }, timeoutMs: 3000 });
  t.same(constant, { kind: 'think', delay: { distribution: 'constant', ms: 60_000 }, timeoutMs: 3000 });
  t.same(wait, { kind: 'wait', barrier: 'ready', timeoutMs: 3000 });
  t.same(barrier, { kind: 'wait', barrier: 'end', timeoutMs: 60_000 });
  t.same(loop, {
    kind: 'loop',
    count: 2,
    durationMs: undefined,
    timeoutMs: 3000,
    steps: [
      { kind: 'raw', xml: '<presence/>', timeoutMs: 3000 },
      { kind: 'loop', count: undefined, durationMs: 10_000, timeoutMs: 3000, steps: [{ kind: 'disconnect', timeoutMs: 3000 }] },
    ],
  });
});

t.test('load phases: shorthand ramps become stages, open models inherit the global cap', async (t) => {
  const scenario = load([
    ...MINIMAL,
    'load:',
    '  max_users: 40',
    '  phases:',
    '    - { executor: ramping-users, ramp_to: 10, duration: 30s }',
    '    - { executor: ramping-arrival-rate, rate: 1, stages: [{ duration: 1m, target: 5 }, { duration: 30s, target: 0 }] }',
    '    - { executor: constant-arrival-rate, name: steady, rate: 2.5, duration: 1m, max_users: 20 }',
    '    - { executor: constant-users, users: 5, duration: 10s }',
  ]);
  t.same(scenario.load.phases, [
    { executor: 'ramping-users', name: 'phase 1', startUsers: 0, stages: [{ durationMs: 30_000, target: 10 }] },
    {
      executor: 'ramping-arrival-rate',
      name: 'phase 2',
      startRate: 1,
      stages: [
        { durationMs: 60_000, target: 5 },
        { durationMs: 30_000, target: 0 },
      ],
      maxUsers: 40,
    },
    { executor: 'constant-arrival-rate', name: 'steady', rate: 2.5, durationMs: 60_000, maxUsers: 20 },
    { executor: 'constant-users', name: 'phase 4', users: 5, durationMs: 10_000, iterations: undefined },
  ]);
  t.equal(scenario.load.maxUsers, 40);
  t.equal(scenario.accounts?.source === 'pattern' && scenario.accounts.count, 40, 'accounts default to the peak number of users');
});

t.test('account sources', async (t) => {
  const flow = 'flow: [login]';
  const csv = load(['target: { domain: example.org }', 'accounts: { csv: users.csv }', flow]);
  t.same(csv.accounts, { source: 'csv', file: '/srv/tests/users.csv', cleanup: false });
  const command = load([
    'target: { domain: example.org }',
    'accounts:',
    '  command:',
    '    create: prosodyctl register {user} {domain} {password}',
    '    delete: [prosodyctl, deluser, "{user}@{domain}"]',
    '    password: "pw{n}"',
    '    count: 3',
    '  cleanup: true',
    flow,
  ]);
  t.match(command.accounts, {
    source: 'command',
    create: ['prosodyctl', 'register', '{user}', '{domain}', '{password}'],
    delete: ['prosodyctl', 'deluser', '{user}@{domain}'],
    count: 3,
    cleanup: true,
  });
  const lab = load(['target: { lab: ejabberd, variant: no-offline }', 'accounts: { lab: { from: 0 } }', flow]);
  t.same(lab.target, { kind: 'lab', server: 'ejabberd', variant: 'no-offline' });
  t.match(lab.accounts, { source: 'lab', username: 'user{n}', from: 0, count: 1 });
  t.equal(lab.accounts?.source === 'lab' && lab.accounts.password.reveal(), 'pw{n}');
});

t.test('${env:NAME} substitution and redaction', async (t) => {
  const scenario = load(
    [
      'target: { domain: example.org, host: "${env:XMPP_HOST}" }',
      'accounts: { register: { password: "${env:LOAD_PW}-{n}" }, cleanup: true }',
      'description: "costs $${env:LITERAL}"',
      'flow: [login]',
    ],
    '/srv/tests/env.yaml',
    { XMPP_HOST: '127.0.0.1', LOAD_PW: 'hunter2' },
  );
  t.match(scenario.target, { host: '127.0.0.1' });
  t.equal(scenario.description, 'costs ${env:LITERAL}', '$${ stays literal');
  if (scenario.accounts?.source !== 'register') throw new Error('expected register accounts');
  t.type(scenario.accounts.password, Secret);
  t.equal(scenario.accounts.password.reveal(), 'hunter2-{n}');

  const redacted = redactScenario(scenario);
  t.match(redacted.accounts, { source: 'register', password: '***' });
  t.notOk(Object.isFrozen(redacted), 'the redacted copy is a fresh object');
  for (const text of [JSON.stringify(scenario), JSON.stringify(redacted), inspect(scenario, { depth: 10 }), String(scenario.accounts.password)]) {
    t.notMatch(text, /hunter2/, 'the password never shows in printed forms');
  }
});

t.test('YAML anchors, aliases and merge keys; x- keys are ignored', async (t) => {
  const scenario = load([
    'x-chat: &chat { to: self, type: chat }',
    ...MINIMAL.slice(0, 2),
    'flow:',
    '  - login',
    '  - &hello { message: { <<: *chat, body: hi } }',
    '  - *hello',
  ]);
  t.same(
    scenario.flow.map((step) => step.kind === 'message' && [step.to, step.body]),
    [false, ['self', 'hi'], ['self', 'hi']],
  );
});

t.test('threshold expressions go through the given checker', async (t) => {
  const scenario = loadScenarioText([...MINIMAL, 'thresholds: { message_e2e: p(99) < 500ms, login: [p(50) < 1s] }'].join('\n'), 'ok.yaml', {
    checkThreshold: () => undefined,
  });
  t.same(scenario.thresholds, { message_e2e: ['p(99) < 500ms'], login: ['p(50) < 1s'] });
});

t.test('a missing file is a config error', async (t) => {
  const error = await loadScenarioFile(`${scenariosDir}does-not-exist.yaml`).catch((caught: unknown) => caught);
  t.ok(isGauntletError(error) && error.code === 'config');
  t.match(String((error as Error).message), /cannot read scenario/);
});
