import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
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

t.test('an unknown server is a usage error (exit 2) with a hint', async (t) => {
  const error = await run(BIN, ['lab', 'up', 'nginx']).catch((e) => e);
  t.equal(error.code, 2);
  t.match(error.stderr, /unknown server nginx/);
  t.match(error.stderr, /hint: choose from prosody, ejabberd/);
});
