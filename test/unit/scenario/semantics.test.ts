import t from 'tap';
import { formatProblem, loadScenarioText, ScenarioError, type ThresholdCheck } from '../../../src/scenario/index.js';

const ACCOUNTS = 'accounts: { pattern: { password: pw } }';

/** `line:col: path: message` of each problem, or [] when the text loads. */
function check(lines: string[], checkThreshold?: ThresholdCheck): string[] {
  try {
    loadScenarioText(lines.join('\n'), 'f.yaml', { checkThreshold });
    return [];
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.problems.map((problem) => formatProblem('f.yaml', { ...problem, hint: undefined }).replace('f.yaml:', ''));
  }
}

t.test('target: a domain, one way', async (t) => {
  t.same(check(['target: { host: 127.0.0.1 }', ACCOUNTS, 'flow: [login]']), ["1:1: target: missing required key 'domain'"]);
  t.same(check(['target: { domain: a.example, domains: [b.example] }', ACCOUNTS, 'flow: [login]']), ['1:30: target.domains: use either domain or domains, not both']);
  t.same(check(['target: { domains: [a.example, b.example] }', ACCOUNTS, 'flow: [login]']), []);
  t.same(check(['target: { lab: prosody, domain: a.example }', ACCOUNTS, 'flow: [login]']), ["1:25: target.domain: unknown key 'domain'"]);
});

t.test('passwords never cross an unencrypted stream unless explicitly allowed', async (t) => {
  const flow = ['flow:', '  - login: { mechanism: PLAIN }'];
  t.same(check(['target: { domain: example.org, tls: none }', ACCOUNTS, ...flow]), ['4:25: flow[0].login.mechanism: PLAIN over an unencrypted stream sends the password in clear']);
  t.same(check(['target: { domain: example.org, tls: none, allow_cleartext_auth: true }', ACCOUNTS, ...flow]), []);
  t.same(check(['target: { domain: example.org }', ACCOUNTS, ...flow]), [], 'PLAIN inside TLS is fine');
  t.same(check(['target: { domain: example.org, tls: none, allow_cleartext_auth: true }', ACCOUNTS, 'flow: [{ login: { mechanism: SCRAM-SHA-256-PLUS } }]']), [
    '3:30: flow[0].login.mechanism: SCRAM-SHA-256-PLUS binds to the TLS channel but target.tls is none',
  ]);
});

t.test('accounts', async (t) => {
  const server = 'target: { domain: example.org }';
  t.same(check([server, 'accounts: { lab: {} }', 'flow: [login]']), ['2:13: accounts.lab: lab accounts need a lab target']);
  t.same(check([server, 'accounts: { pattern: { password: pw }, cleanup: true }', 'flow: [login]']), ['2:49: accounts.cleanup: cleanup would delete pattern accounts this run did not create']);
  t.same(check([server, 'accounts: { command: { create: "make {user}", password: pw }, cleanup: true }', 'flow: [login]']), ['2:13: accounts.command: cleanup needs a delete command']);
  t.same(check([server, 'accounts: { register: { password: pw }, cleanup: true }', 'flow: [login]']), []);
  t.same(
    check([server, 'accounts: { register: { password: pw, count: 5 } }', 'load: { phases: [{ executor: ramping-users, ramp_to: 8, duration: 1m }] }', 'flow: [login]']),
    ['2:46: accounts.register.count: 5 accounts for up to 8 users at once'],
  );
  t.same(
    check([server, 'accounts: { register: { password: pw, count: 5 } }', 'load: { max_users: 5, phases: [{ executor: constant-users, users: 8, duration: 1m }] }', 'flow: [login]']),
    [],
    'the global cap bounds the peak',
  );
  t.same(
    check([server, 'accounts: { lab: {} }', 'load: { phases: [{ executor: nope }] }', 'flow: [login]']),
    ['2:13: accounts.lab: lab accounts need a lab target', "3:30: load.phases[0].executor: unknown executor 'nope'"],
    'account rules still run when the load section is broken',
  );
  t.same(check([server, 'accounts: { pattern: {} }', 'flow: [login]']), ["2:13: accounts.pattern: missing required key 'password'"], 'only lab accounts have a default password');
});

t.test('load phases', async (t) => {
  const head = ['target: { domain: example.org }', ACCOUNTS, 'flow: [login]', 'load:', '  phases:'];
  t.same(check([...head, '    - { executor: constant-users, users: 3 }']), ['6:7: load.phases[0]: needs duration or iterations']);
  t.same(check([...head, '    - { executor: ramping-users, duration: 1m }']), ['6:7: load.phases[0]: needs ramp_to (or stages)']);
  t.same(check([...head, '    - { executor: ramping-users, ramp_to: 3, duration: 1m, stages: [{ duration: 1m, target: 2 }] }']), [
    '6:60: load.phases[0].stages: use either ramp_to + duration or stages, not both',
  ]);
  t.same(check([...head, '    - { executor: constant-arrival-rate, rate: 10, duration: 1m }']), ['6:7: load.phases[0]: needs max_users (or load.max_users)']);
  t.same(check([...head, '    - { executor: ramping-arrival-rate, ramp_to: 10, duration: 1m, max_users: 10 }']), []);
  t.same(check([...head, '    - { executor: constant-arrival-rate, duration: 1m, max_users: 10 }']), ["6:7: load.phases[0]: missing required key 'rate'"]);
  t.same(check([...head.slice(0, 4), '  phases:', '    - { users: 3 }']), ["6:7: load.phases[0]: missing required key 'executor'"]);
});

t.test('flow rules', async (t) => {
  const head = ['target: { domain: example.org }', ACCOUNTS, 'flow:'];
  t.same(check([...head, '  - roster.get', '  - login']), ["4:5: flow[0]: 'roster.get' runs before any login"]);
  t.same(check([...head, '  - think: 1s', '  - wait: start', '  - login', '  - roster.get']), [], 'pauses and barriers need no session');
  t.same(check([...head, '  - login', '  - message: { to: self, body: hi, size: 10 }']), ['5:42: flow[1].message.size: use either body or size, not both']);
  t.same(check([...head, '  - login', '  - loop: { steps: [roster.get] }']), ['5:5: flow[1].loop: needs count or duration']);
  t.same(check([...head, '  - login', '  - loop: { count: 2, duration: 1s, steps: [roster.get] }']), ['5:5: flow[1].loop: use either count or duration, not both']);
  t.same(check([...head, '  - login', '  - iq: { request: version }']), ["5:20: flow[1].iq.request: 'version' is neither ping nor XML"]);
  t.same(check([...head, '  - login', '  - message: { to: "{user}@{host}" }']), ["5:20: flow[1].message.to: unknown placeholder '{host}'"]);
  t.same(check([...head, '  - login', '  - message: { to: "literal {{braces}}" }']), [], '{{ and }} are literal braces');
  t.same(check([...head, '  - login', '  - presence: { priority: 300 }']), ['5:27: flow[1].presence.priority: must be at most 127, got 300']);
});

t.test('threshold expressions are checked by the given parser, with positions', async (t) => {
  const lines = ['target: { domain: example.org }', ACCOUNTS, 'flow: [login]', 'thresholds:', '  message_e2e: ["p(99) < 500ms", "p(99) <"]', '  login: "nonsense"'];
  const checkThreshold: ThresholdCheck = (expression) => (/^p\(\d+\) < \d+m?s$/.test(expression) ? undefined : `cannot parse '${expression}'`);
  t.same(check(lines, checkThreshold), ["5:34: thresholds.message_e2e[1]: cannot parse 'p(99) <'", "6:10: thresholds.login: cannot parse 'nonsense'"]);
  t.same(check(lines), [], 'without a parser any string is accepted');
});

t.test('remote users (as/to: peer) need a peers section', async (t) => {
  const flow = ['flow:', '  - login', '  - message: { to: peer }', '  - presence: { as: peer }'];
  t.same(check(['target: { lab: prosody }', 'accounts: { lab: { count: 1 } }', ...flow]), [
    "5:20: flow[1].message.to: 'to: peer' names a simulated remote user, but the scenario has no peers",
    "6:21: flow[2].presence.as: 'as: peer' names a simulated remote user, but the scenario has no peers",
  ]);
  t.same(check(['target: { lab: prosody }', 'accounts: { lab: { count: 1 } }', 'peers: { count: 1 }', ...flow]), []);
});

t.test('two federating lab servers are of different kinds and use lab accounts', async (t) => {
  t.same(check(['target: { lab: ejabberd, federate_with: ejabberd }', 'accounts: { lab: { count: 2 } }', 'flow: [login]']), [
    '1:41: target.federate_with: federate_with must name the other kind of server, not ejabberd again',
  ]);
  t.same(check(['target: { lab: ejabberd, federate_with: prosody }', ACCOUNTS, 'flow: [login]']), [
    '2:13: accounts.pattern: two federating lab servers need lab accounts (created on both)',
  ]);
});

t.test('two servers the tool did not start: federate_with names another domain, with one domain each', async (t) => {
  t.same(check(['target: { domain: a.example, federate_with: { domain: b.example, host: 10.0.0.2, port: 5222 } }', ACCOUNTS, 'flow: [login]']), []);
  t.same(check(['target: { domain: a.example, federate_with: { domain: a.example } }', ACCOUNTS, 'flow: [login]']).length, 1);
  t.match(check(['target: { domain: a.example, federate_with: { domain: a.example } }', ACCOUNTS, 'flow: [login]'])[0], /target\.federate_with\.domain: federate_with must be another domain than the target's/);
  t.match(check(['target: { domains: [a.example, c.example], federate_with: { domain: b.example } }', ACCOUNTS, 'flow: [login]'])[0], /a two-server run has one domain per server/);
  t.match(check(['target: { domain: a.example, federate_with: { domain: b.example, lab: prosody } }', ACCOUNTS, 'flow: [login]']).join('\n'), /lab/, 'a lab key is no server key');
});
