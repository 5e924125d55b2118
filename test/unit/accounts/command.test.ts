import t, { type Test } from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine, runForEach } from '../../../src/accounts/command.js';
import { provisionAccounts } from '../../../src/accounts/index.js';
import { loadScenarioText } from '../../../src/scenario/index.js';
import type { VirtualUser } from '../../../src/steps/types.js';

const user = (n: number, username = `user${n}`): VirtualUser => ({ n, username, password: `pw${n}`, domain: 'example.org', jid: `${username}@example.org` });

/** A fake admin tool: appends its arguments as one JSON line; fails for users named in FAIL_FOR. */
function fakeTool(t: Test): { dir: string; script: string; log: string; calls: () => string[][] } {
  const dir = t.testdir();
  const script = join(dir, 'tool.mjs');
  const log = join(dir, 'calls.log');
  writeFileSync(
    script,
    `import { appendFileSync } from 'node:fs';
const [log, ...args] = process.argv.slice(2);
if (args[1] === process.env.FAIL_FOR) { console.error('cannot create ' + args[1] + ' with password ' + args[2]); process.exit(3); }
appendFileSync(log, JSON.stringify(args) + '\\n');
`,
  );
  const calls = () => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]);
    } catch {
      return [];
    }
  };
  return { dir, script, log, calls };
}

t.test('each argument is filled in on its own', async (t) => {
  t.same(commandLine(['adduser', '{user}@{domain}', '--password={password}', '{{n}}={n}'], user(3)), ['adduser', 'user3@example.org', '--password=pw3', '{n}=3']);
});

t.test('values reach the program as plain arguments, never through a shell', async (t) => {
  const tool = fakeTool(t);
  const evil = user(1, 'x; touch pwned $(id) `id`');
  const outcome = await runForEach([process.execPath, tool.script, tool.log, 'create', '{user}', '{password}'], [evil], 'create');
  t.equal(outcome.failure, undefined);
  t.same(tool.calls(), [['create', 'x; touch pwned $(id) `id`', 'pw1']]);
});

t.test('a failing command names the account and the program, never the password', async (t) => {
  const tool = fakeTool(t);
  process.env.FAIL_FOR = 'user2';
  t.teardown(() => delete process.env.FAIL_FOR);
  const outcome = await runForEach([process.execPath, tool.script, tool.log, 'create', '{user}', '{password}'], [user(2)], 'create');
  const error = outcome.failure as Error & { code: string; hint: string };
  t.equal(error.code, 'config');
  t.match(error.message, /create command ".*node.*" failed for user2@example\.org \(exit 3\): cannot create user2 with password \*\*\*/);
  t.notMatch(error.message, /pw2/);
  t.ok(error.hint);
});

t.test('when a create fails, the accounts already created are deleted (cleanup on) and the failure is thrown', async (t) => {
  const tool = fakeTool(t);
  process.env.FAIL_FOR = 'user3';
  t.teardown(() => delete process.env.FAIL_FOR);
  const node = JSON.stringify(process.execPath);
  const scenario = loadScenarioText(
    `target: { domain: example.org, host: 127.0.0.1 }
accounts:
  command:
    password: 'pw{n}'
    count: 4
    create: [${node}, ${JSON.stringify(tool.script)}, ${JSON.stringify(tool.log)}, create, '{user}', '{password}']
    delete: [${node}, ${JSON.stringify(tool.script)}, ${JSON.stringify(tool.log)}, delete, '{user}', '{password}']
  cleanup: true
load: { phases: [{ executor: constant-users, users: 4, iterations: 1 }] }
flow: [login]
`,
    join(tool.dir, 's.yaml'),
  );
  const connection = { domain: 'example.org', host: '127.0.0.1', port: 5222, tls: 'starttls' as const, allowCleartextAuth: false };
  if (!scenario.accounts) throw new Error('expected command accounts');
  await t.rejects(provisionAccounts(scenario.accounts, { connection, timeoutMs: 1000 }), { code: 'config', message: /user3@example\.org/ });
  const calls = tool.calls();
  const created = calls.filter(([what]) => what === 'create').map(([, name]) => name).sort();
  const deleted = calls.filter(([what]) => what === 'delete').map(([, name]) => name).sort();
  t.ok(created.length >= 2 && !created.includes('user3'), `created ${created.join(', ')}`);
  t.same(deleted, created, 'exactly the created accounts were deleted');
});
