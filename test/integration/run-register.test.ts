import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { startLab } from '../../src/lab/index.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { openSession } from '../../src/xmpp/index.js';

const PASSWORD = 'Sekr3t-from-env-';

t.test('register accounts in-band on a server target, run, and remove them', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const dir = t.testdir();
  const scenarioText = (prefix: string, cleanup: boolean) => `
name: register-${prefix}
target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${lab.caFile} }
accounts:
  register: { username: '${prefix}{n}', password: '\${env:REG_PASSWORD}{n}', count: 3 }
  cleanup: ${cleanup}
load: { phases: [{ executor: constant-users, users: 3, iterations: 1 }] }
flow: [login, roster.get, disconnect]
`;
  const run = async (prefix: string, cleanup: boolean) => {
    const scenario = loadScenarioText(scenarioText(prefix, cleanup), join(dir, `${prefix}.yaml`), { env: { REG_PASSWORD: PASSWORD } });
    return runScenario(scenario, { version: 'test', out: join(dir, `${prefix}-${cleanup}`) });
  };
  const canLogIn = (username: string) =>
    openSession({ domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, tls: 'starttls', ca: readFileSync(lab.caFile, 'utf8'), username, password: `${PASSWORD}1` }).then(
      async (session) => (await session.close(), true),
      () => false,
    );

  const fresh = await run('fresh', true);
  t.equal(fresh.result.errors.total, 0, 'registered and logged in');
  t.equal(fresh.result.target.via, 'explicit');
  t.equal(decodeMetrics(fresh.result.metrics).latency('login_total')?.count, 3);
  t.notOk(await canLogIn('fresh1'), 'cleanup removed the accounts');
  t.notMatch(readFileSync(fresh.file, 'utf8'), new RegExp(PASSWORD), 'the password from the environment is not in the result');

  await run('kept', false);
  t.ok(await canLogIn('kept1'), 'without cleanup the accounts stay');
  const again = await run('kept', true);
  t.equal(again.result.errors.total, 0, 'a taken name (conflict) is used as it is');
  t.ok(await canLogIn('kept1'), 'accounts this run did not create are not removed');
});
