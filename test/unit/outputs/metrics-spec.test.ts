import t from 'tap';
import { parseOutputSpec } from '../../../src/outputs/index.js';
import { loadScenarioText, redactScenario } from '../../../src/scenario/index.js';
import { isGauntletError } from '../../../src/util/errors.js';

t.test('--metrics prometheus=URL: credentials are split off the URL', async (t) => {
  t.same(parseOutputSpec('prometheus=http://127.0.0.1:9090/api/v1/write'), { name: 'prometheus', target: { url: 'http://127.0.0.1:9090/api/v1/write' } });
  t.same(parseOutputSpec('prometheus=https://me:p%40ss@metrics.example/push'), {
    name: 'prometheus',
    target: { url: 'https://metrics.example/push', username: 'me', password: 'p@ss' },
  });
});

t.test('bad --metrics values are usage errors with a hint, and never echo a password', async (t) => {
  const problem = (spec: string) => {
    try {
      parseOutputSpec(spec);
    } catch (error) {
      if (isGauntletError(error)) return { code: error.code, message: error.message, hint: error.hint };
      throw error;
    }
    return undefined;
  };
  t.match(problem('prometeus=http://x/'), { code: 'usage', message: /no such output/, hint: /prometheus/ });
  t.match(problem('prometheus'), { code: 'usage', message: /needs a URL/ });
  t.match(problem('prometheus=ftp://x/'), { code: 'usage', message: /http:\/\/ or https:\/\//, hint: /remote-write-receiver/ });
  t.match(problem('prometheus=//host:9090'), { code: 'usage', message: /not a URL/ });
  for (const spec of ['prometheus=me:hunter2@nowhere', 'prometheus=//me:hunter2@host']) {
    const refused = problem(spec);
    t.match(refused, { code: 'usage' }, spec);
    t.notMatch(JSON.stringify(refused), /hunter2/, `${spec}: the password is not in the error`);
  }
});

t.test('options.metrics.prometheus in a scenario: the password is a secret, redacted in results', async (t) => {
  const scenario = loadScenarioText(
    `target: { domain: example.org }
accounts: { pattern: { password: x } }
flow: [login]
options: { metrics: { prometheus: 'https://me:hunter2@metrics.example/api/v1/write' } }
`,
    'live.yaml',
    { env: {} },
  );
  const prometheus = scenario.options.metrics?.prometheus;
  t.equal(prometheus?.url, 'https://metrics.example/api/v1/write');
  t.equal(prometheus?.password?.reveal(), 'hunter2');
  t.notMatch(JSON.stringify(redactScenario(scenario)), /hunter2/);
  t.throws(() => loadScenarioText('target: { domain: example.org }\naccounts: { pattern: { password: x } }\nflow: [login]\noptions: { metrics: { prometheus: nope } }\n', 'bad.yaml', { env: {} }), /not a URL/);
});
