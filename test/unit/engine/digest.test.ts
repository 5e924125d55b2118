import t from 'tap';
import { scenarioDigest } from '../../../src/engine/digest.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

const load = (text: string, file = 'a.yaml') => loadScenarioText(text, file);
const BASE = `name: d
target: { domain: example.org, host: 127.0.0.1 }
accounts: { pattern: { username: 'u{n}', password: 'secret-1', count: 4 } }
load: { phases: [{ executor: constant-users, users: 4, duration: 2s }] }
flow: [login]
`;

t.test('the digest names the test, not where its output goes, its key order or its secrets', async (t) => {
  const digest = scenarioDigest(load(BASE));
  t.match(digest, /^sha256:[0-9a-f]{64}$/);
  t.equal(scenarioDigest(load(BASE, '/elsewhere/b.yaml')), digest, 'the file path is not part of it');
  t.equal(scenarioDigest(load(`${BASE}options: { out: x, quiet: true }\n`)), digest, 'out and quiet are not');
  t.equal(scenarioDigest(load(BASE.replace("{ domain: example.org, host: 127.0.0.1 }", '{ host: 127.0.0.1, domain: example.org }'))), digest, 'key order is not');
  t.equal(scenarioDigest(load(BASE.replace('secret-1', 'secret-2'))), digest, 'secrets are never hashed');
  t.not(scenarioDigest(load(BASE.replace('users: 4', 'users: 3'))), digest, 'the load is');
  t.not(scenarioDigest(load(BASE.replace('flow: [login]', 'flow: [login, disconnect]'))), digest, 'the flow is');
});
