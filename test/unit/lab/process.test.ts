import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GauntletError } from '../../../src/util/errors.js';
import { freePorts } from '../../../src/lab/ports.js';
import { requireBinary, spawnServer, stopPid, stopServer, tailFile, waitForPorts } from '../../../src/lab/process.js';

t.test('requireBinary finds binaries and names the package otherwise', async (t) => {
  t.match(requireBinary('sh', 'dash'), /\/sh$/);
  t.throws(() => requireBinary('no-such-server-binary', 'no-such-package'), {
    code: 'environment',
    hint: /^`gauntlet setup lab` installs the lab's packages \(it asks first\), or: apt-get install -y no-such-package$/,
  });
});

t.test('spawn, wait for a port, tail the log, stop by pid', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-process-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const logFile = join(dir, 'server.log');
  const [port] = (await freePorts(1)) as [number];
  const script = `console.log('listening'); require('net').createServer().listen(${port}, '127.0.0.1'); process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });`;
  const server = spawnServer(process.execPath, ['-e', script], { cwd: dir, logFile });
  t.teardown(() => stopServer(server));
  await waitForPorts('127.0.0.1', [port], 10_000, { server });
  t.match(await tailFile(logFile), /listening/);
  await stopPid(server.pid);
  t.equal(await server.exited, 0, 'exited on SIGTERM');
  t.match(await tailFile(logFile, 1), /^bye$/, 'tail returns the last line');
});

t.test('a process ignoring SIGTERM is killed after the grace period', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-process-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const script = `process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);`;
  const server = spawnServer(process.execPath, ['-e', script], { cwd: dir, logFile: join(dir, 'log') });
  while (!(await tailFile(join(dir, 'log'))).includes('up')) await new Promise((r) => setTimeout(r, 20));
  await stopServer(server, 200);
  t.equal(await server.exited, 'SIGKILL');
});

t.test('waitForPorts times out with the log tail; early exit fails at once', async (t) => {
  const [port] = (await freePorts(1)) as [number];
  const error = await waitForPorts('127.0.0.1', [port], 200, { name: 'Demo', logTail: async () => 'last words' }).catch((e: unknown) => e);
  t.type(error, GauntletError);
  t.match(error, { code: 'environment', message: /Demo did not open port\(s\) \d+ within 200 ms[\s\S]*last words/ });

  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-process-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const server = spawnServer(process.execPath, ['-e', 'process.exit(3)'], { cwd: dir, logFile: join(dir, 'log') });
  const started = Date.now();
  await t.rejects(waitForPorts('127.0.0.1', [port], 10_000, { server, name: 'Demo' }), { message: /Demo exited \(3\)/ });
  t.ok(Date.now() - started < 5000, 'did not wait for the timeout');
});

t.test('stopPid refuses a pid it did not start', async (t) => {
  await t.rejects(stopPid(process.pid), /not started by this lab/);
});
