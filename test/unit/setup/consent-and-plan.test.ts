import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { installPlan, POLICY_RC_D } from '../../../src/setup/apt-install.js';
import { consentFrom } from '../../../src/setup/consent.js';
import { packagesFor } from '../../../src/setup/debian-packages.js';
import { isGauntletError } from '../../../src/util/errors.js';

const run = promisify(execFile);

t.test('consent: a flag beats GAUNTLET_INSTALL; without either only a terminal is asked', async (t) => {
  t.equal(consentFrom(true, 'no', false), 'install');
  t.equal(consentFrom(false, 'yes', true), 'decline');
  t.equal(consentFrom(undefined, 'yes', false), 'install');
  t.equal(consentFrom(undefined, ' NO ', true), 'decline');
  t.equal(consentFrom(undefined, undefined, true), 'ask');
  t.equal(consentFrom(undefined, '', false), 'unasked');
  let refused: unknown;
  try {
    consentFrom(undefined, 'maybe', true);
  } catch (error) {
    refused = error;
  }
  t.ok(isGauntletError(refused) && refused.code === 'usage', 'a value other than yes/no is a usage error');
  t.match((refused as Error).message, /GAUNTLET_INSTALL="maybe" is neither yes nor no/);
});

t.test('the install plan: one root script, through sudo unless root; the manual command says the same', async (t) => {
  const user = installPlan(['prosody', 'lua-unbound'], false);
  t.same(user.argv.slice(0, 4), ['sudo', '--', 'sh', '-c']);
  t.same(user.argv.slice(5), ['gauntlet-setup', 'prosody', 'lua-unbound']);
  t.equal(user.manual, 'sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prosody lua-unbound');
  const root = installPlan(['prosody'], true);
  t.same(root.argv.slice(0, 2), ['sh', '-c']);
  t.equal(root.manual, 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prosody');
  t.equal(root.argv[2], user.argv[4], 'the same script either way');
});

t.test('the root script parses, keeps services from starting and leaves an existing policy-rc.d alone', async (t) => {
  const script = installPlan(['x'], true).argv[2]!;
  await run('sh', ['-n', '-c', script]);
  t.match(script, `policy=${POLICY_RC_D}`);
  t.match(script, /if \[ ! -e "\$policy" \]; then\n {2}printf '#!\/bin\/sh\\nexit 101\\n' > "\$policy"; chmod \+x "\$policy"; trap 'rm -f "\$policy"' EXIT\nfi/);
  t.match(script, /apt-get update\nDEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "\$@"$/);
});

t.test('the demo needs Prosody and its resolver only; the tests need every lab server and their tools', async (t) => {
  t.same(packagesFor('demo').map((p) => p.name), ['prosody', 'lua-unbound']);
  t.same(packagesFor('tests').map((p) => p.name), ['prosody', 'lua-unbound', 'ejabberd', 'jabberd2', 'sqlite3', 'openssl', 'ca-certificates', 'chromium', 'libxml2-utils', 'prometheus']);
  for (const pkg of packagesFor('lab')) t.ok(pkg.purposes.includes('tests'), `${pkg.name}: what the lab needs, the tests need`);
});
