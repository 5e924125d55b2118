import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gauntlet');

t.test('lab up --keep leaves Prosody running; lab down stops exactly it', async (t) => {
  const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'gauntlet-state-')) };
  const up = await run(BIN, ['lab', 'up', 'prosody', '--keep', '--accounts', '1'], { env });
  const pid = Number(/pid (\d+)/.exec(up.stdout)?.[1]);
  t.ok(pid > 0, 'prints the pid');
  t.match(up.stdout, /user1@a\.prosody\.lab\.example \/ pass1/, 'prints the account');
  t.ok(existsSync(`/proc/${pid}`), 'the server outlives the command');
  const stateDir = join(env.XDG_STATE_HOME, 'xmpp-gauntlet', 'lab');
  t.equal(readdirSync(stateDir).length, 1, 'one kept server is remembered');

  const down = await run(BIN, ['lab', 'down'], { env });
  t.match(down.stdout, new RegExp(`prosody \\(pid ${pid}\\): stopped`));
  t.notOk(existsSync(`/proc/${pid}`), 'the server is gone');
  t.equal(readdirSync(stateDir).length, 0, 'nothing is remembered any more');
});

t.test('lab up jabberd2 --keep leaves its four processes running; lab down stops all of them', async (t) => {
  const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'gauntlet-state-')) };
  const up = await run(BIN, ['lab', 'up', 'jabberd2', '--keep', '--accounts', '1'], { env });
  t.match(up.stdout, /user1@a\.jabberd2\.lab\.example \/ pass1/, 'prints the account');
  const stateDir = join(env.XDG_STATE_HOME, 'xmpp-gauntlet', 'lab');
  const [stateFile] = readdirSync(stateDir);
  const kept = JSON.parse(readFileSync(join(stateDir, stateFile!), 'utf8')) as { pid: number; companionPids: number[] };
  const pids = [kept.pid, ...kept.companionPids];
  t.equal(pids.length, 4, 'router, sm, c2s and s2s are remembered');
  for (const pid of pids) t.ok(existsSync(`/proc/${pid}`), `pid ${pid} outlives the command`);

  const down = await run(BIN, ['lab', 'down'], { env });
  t.match(down.stdout, new RegExp(`jabberd2 \\(pid ${kept.pid}\\): stopped`));
  for (const pid of pids) t.notOk(existsSync(`/proc/${pid}`), `pid ${pid} is gone`);
});

t.test('an unknown server is a usage error (exit 2) with a hint', async (t) => {
  const error = await run(BIN, ['lab', 'up', 'nginx']).catch((e) => e);
  t.equal(error.code, 2);
  t.match(error.stderr, /unknown server nginx/);
  t.match(error.stderr, /hint: choose from prosody, ejabberd/);
});
