import t from 'tap';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gauntlet, SMOKE_SCENARIO as SMOKE } from '../helpers/cli.js';

t.test('run --quiet prints only the summary and where result.json is; exit 0', async (t) => {
  const out = join(t.testdir(), 'out');
  const run = await gauntlet(['run', SMOKE, '--quiet', '--out', out]);
  t.equal(run.code, 0, 'exit code 0');
  t.equal(run.err, '', 'nothing on stderr');
  t.match(run.out, /smoke against a\.prosody\.lab\.example \(lab prosody/);
  t.match(run.out, /message_e2e +2 /);
  t.match(run.out, new RegExp(`results: ${join(out, 'result.json')}`));
});

t.test('an unreachable target exits 3 with a hint, before anything runs', async (t) => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const dir = t.testdir({ 'down.yaml': `target: { domain: example.org, host: 127.0.0.1, port: ${port} }\naccounts: { pattern: { password: x } }\nflow: [login]\n` });
  const run = await gauntlet(['run', join(dir, 'down.yaml'), '--quiet', '--out', join(dir, 'out')]);
  t.equal(run.code, 3, 'exit code 3 (unreachable)');
  t.match(run.err, new RegExp(`error: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
  t.match(run.err, /hint: /);
});
