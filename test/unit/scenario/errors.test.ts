import t from 'tap';
import { formatProblem, loadScenarioText, ScenarioError, type Problem } from '../../../src/scenario/index.js';
import { isGauntletError } from '../../../src/util/errors.js';

const TARGET = 'target: { domain: example.org }';
const ACCOUNTS = 'accounts: { pattern: { password: pw } }';

/** Loads text expected to be refused; returns its problems as `line:col path: message` (hint kept apart). */
function problems(lines: string[], env: Record<string, string> = {}): Problem[] {
  try {
    loadScenarioText(lines.join('\n'), 'bad.yaml', { env });
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.problems];
    throw error;
  }
  throw new Error('the scenario was accepted');
}

function brief(lines: string[], env?: Record<string, string>): string[] {
  return problems(lines, env).map((problem) => formatProblem('bad.yaml', { ...problem, hint: undefined }).replace('bad.yaml:', ''));
}

t.test('every problem of a broken file is reported at once, in file order, with its position', async (t) => {
  const lines = [
    'name: broken', //                                              1
    'target:', //                                                   2
    '  domain: example.org', //                                     3
    '  tls: tsl', //                                                4
    '  alow_cleartext_auth: true', //                               5
    'accounts:', //                                                 6
    '  register:', //                                               7
    "    username: 'u{num}'", //                                    8
    '    password: pw', //                                          9
    '    count: 0', //                                              10
    '  cleanup: yes', //                                            11
    'load:', //                                                     12
    '  phases:', //                                                 13
    '    - executor: constant-user', //                             14
    '      users: 2', //                                            15
    '    - executor: ramping-users', //                             16
    '      ramp_to: 10', //                                         17
    '    - { executor: constant-arrival-rate, rate: 5, duration: 5 parsecs }', // 18
    'flow:', //                                                     19
    '  - mesage: { to: self }', //                                  20
    '  - message', //                                               21
    '  - login: { mechanism: PLAIN }', //                           22
    '    timeout: 2s', //                                           23
    '  - message: { to: self, body: hi, tpye: chat }', //           24
    '  - think: { uniform: [3s, 1s] }', //                          25
    '  - loop:', //                                                 26
    '      steps:', //                                              27
    '        - rostr.get', //                                       28
    '  - roster.get:', //                                           29
    '    roster.set: { jid: x }', //                                30
    '  - think: 1x', //                                             31
    '  - iq: hello', //                                             32
    'thresholds:', //                                               33
    "  Bad-Name: ['p(99) < 1s']", //                                34
    '  ok: [1]', //                                                 35
    'optoins: { quiet: true }', //                                  36
  ];
  t.same(brief(lines), [
    '4:8: target.tls: expected one of starttls, direct, none, got \'tsl\'',
    "5:3: target.alow_cleartext_auth: unknown key 'alow_cleartext_auth'",
    "8:15: accounts.register.username: unknown placeholder '{num}'",
    '10:12: accounts.register.count: must be at least 1, got 0',
    "11:12: accounts.cleanup: expected true or false, got 'yes'",
    "14:17: load.phases[0].executor: unknown executor 'constant-user'",
    '16:7: load.phases[1]: needs duration (or stages)',
    '18:61: load.phases[2].duration: "5 parsecs" is not a duration',
    "20:5: flow[0].mesage: unknown step 'mesage'",
    "21:5: flow[1]: 'message' needs options",
    "23:5: flow[2].timeout: unknown key 'timeout'",
    "24:36: flow[3].message.tpye: unknown key 'tpye'",
    '25:23: flow[4].think.uniform: the shortest pause is longer than the longest',
    "28:11: flow[5].loop.steps[0]: unknown step 'rostr.get'",
    '29:5: flow[6]: one entry holds several steps: roster.get, roster.set',
    '31:12: flow[7].think: "1x" is not a duration',
    "32:9: flow[8].iq: 'hello' is neither ping nor XML",
    "34:3: thresholds.Bad-Name: unknown key 'Bad-Name'",
    '35:8: thresholds.ok[0]: expected a threshold expression, got 1',
    "36:1: optoins: unknown key 'optoins'",
  ]);
});

t.test('hints: did you mean, where options go, what to write', async (t) => {
  const hints = problems([
    TARGET.replace('domain', 'domian'),
    'accounts: { pattern: { pasword: pw } }',
    'flow:',
    '  - login: { mechanism: SCRAM-SHA1 }',
    '    resource: x',
    '  - message',
    '  - mesage: { to: self }',
    '  - { think: 1s, wait: x }',
  ]).map((problem) => problem.hint);
  t.same(hints, [
    "did you mean 'domain'?",
    "did you mean 'password'?",
    "did you mean 'SCRAM-SHA-1'?",
    "options go under 'login:'",
    "write it as 'message: { to: ... }'",
    "did you mean 'message'?",
    "start each with its own '- '",
  ]);
});

t.test('the error is a config GauntletError listing file:line:col: path: message (hint)', async (t) => {
  const text = [TARGET, ACCOUNTS, 'flow:', '  - login', '  - think: { uniform: 1s }'].join('\n');
  const error = t.throws(() => loadScenarioText(text, 'scenarios/x.yaml')) as unknown;
  t.ok(isGauntletError(error));
  if (!(error instanceof ScenarioError)) throw new Error('expected a ScenarioError');
  t.equal(error.code, 'config');
  t.equal(error.file, 'scenarios/x.yaml');
  t.match(error.message, /^scenarios\/x\.yaml: 1 problem:\n {2}scenarios\/x\.yaml:5:23: flow\[1\]\.think\.uniform: expected a list of 2 items, got '1s' \(.+\)$/);
  t.match(error.hint, /docs\/scenario\.md/);
});

t.test('YAML syntax errors carry their position', async (t) => {
  t.same(brief(['target:', '  domain: example.org', ' accounts: {}']), ['3:1: YAML syntax: All mapping items must start at the same column']);
  t.match(brief(['flow: [login', 'name: x']), ['2:1: YAML syntax: ']);
  t.same(brief(['name: a', 'name: b']), ['2:1: YAML syntax: Map keys must be unique']);
  t.match(brief(['flow:', '\t- login']), ['2:1: YAML syntax: ']);
  t.same(brief(['a: 1', '---', 'b: 2']), ['2:1: YAML syntax: Source contains multiple documents; please use YAML.parseAllDocuments()']);
});

t.test('empty and misshapen files', async (t) => {
  t.same(brief(['']), ['1:1: the scenario is empty']);
  t.same(brief(['# only a comment']), ['1:1: the scenario is empty']);
  t.same(brief(['- login']), ['1:1: expected a map of sections at the top level']);
  t.same(brief(['name: only']), ["1:1: missing required key 'target'", "1:1: needs a 'flow' (load), 'checks' (conformance), or both"]);
  t.same(brief([TARGET, 'accounts:', 'flow: []']), ['2:10: accounts: expected an accounts source, got nothing', '3:7: flow: needs at least 1 item']);
});

t.test('missing keys point at the entry that lacks them', async (t) => {
  t.same(brief([TARGET, ACCOUNTS, 'flow:', '  - login', '  - message:', '      body: hi']), ["5:5: flow[1].message: missing required key 'to'"]);
  t.same(brief([TARGET, ACCOUNTS, 'load:', '  phases:', '    - users: 3', 'flow: [login]']), ["5:7: load.phases[0]: missing required key 'executor'"]);
  t.same(brief([TARGET, 'accounts: { cleanup: true }', 'flow: [login]']), ['2:1: accounts: missing the accounts source']);
});

t.test('environment references', async (t) => {
  const lines = [TARGET, 'accounts: { pattern: { password: "${env:LOAD_PW}" } }', 'flow: [login]', 'description: "${HOME}"'];
  t.same(brief(lines), ['2:34: accounts.pattern.password: environment variable LOAD_PW is not set', "4:14: description: unknown reference '${HOME}'"]);
  t.match(problems(lines)[1]!.hint, /\$\{env:HOME\}/);
  const scenario = loadScenarioText(lines.slice(0, 3).join('\n'), 'ok.yaml', { env: { LOAD_PW: '' } });
  t.match(scenario.accounts, { source: 'pattern' }, 'an empty value is a value');
});

t.test('an unknown step lists the known ones once each', async (t) => {
  const problem = problems([TARGET, ACCOUNTS, 'flow:', '  - bogus: 1']).find((p) => p.message.includes('bogus'));
  const known = /known: (.*)$/.exec(problem!.hint ?? '')?.[1]?.split(', ') ?? [];
  t.ok(known.includes('login') && known.includes('message'), problem!.hint ?? 'no hint');
  t.equal(new Set(known).size, known.length, 'no name repeated');
});
