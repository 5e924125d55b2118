import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gauntlet');

t.test('lab up --keep leaves Prosody running; lab down ID stops exactly it, lab down the rest', async (t) => {
  const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'gauntlet-state-')) };
  const keep = async () => {
    const up = await run(BIN, ['lab', 'up', 'prosody', '--keep', '--accounts', '1'], { env });
    const pid = Number(/pid (\d+)/.exec(up.stdout)?.[1]);
    t.ok(pid > 0, 'prints the pid');
    t.match(up.stdout, /user1@a\.prosody\.lab\.example \/ pass1/, 'prints the account');
    t.match(up.stdout, new RegExp(`stop it with: gauntlet lab down prosody-${pid}`));
    t.ok(existsSync(`/proc/${pid}`), 'the server outlives the command');
    return pid;
  };
  const first = await keep();
  const second = await keep();
  // One folder per user and checkout: another user's or another checkout's labs are not in it.
  const [scope, ...others] = readdirSync(join(env.XDG_STATE_HOME, 'xmpp-gauntlet', 'lab'));
  t.same(others, []);
  t.match(scope, new RegExp(`^${userInfo().username}-[0-9a-f]{12}$`));
  const stateDir = join(env.XDG_STATE_HOME, 'xmpp-gauntlet', 'lab', scope!);
  t.equal(readdirSync(stateDir).length, 2, 'two kept servers are remembered');

  const unknown = await run(BIN, ['lab', 'down', 'prosody-1'], { env }).catch((e) => e);
  t.equal(unknown.code, 2);
  t.match(unknown.stderr, new RegExp(`kept now: .*prosody-${first}`));
  const one = await run(BIN, ['lab', 'down', `prosody-${first}`], { env });
  t.match(one.stdout, new RegExp(`prosody \\(pid ${first}\\): stopped`));
  t.notOk(existsSync(`/proc/${first}`), 'that server is gone');
  t.ok(existsSync(`/proc/${second}`), 'the other one still runs');

  const rest = await run(BIN, ['lab', 'down'], { env });
  t.match(rest.stdout, new RegExp(`prosody \\(pid ${second}\\): stopped`));
  t.notOk(existsSync(`/proc/${second}`));
  t.equal(readdirSync(stateDir).length, 0, 'nothing is remembered any more');
});

t.test('lab up jabberd2 --keep leaves its four processes running; lab down stops all of them', async (t) => {
  const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'gauntlet-state-')) };
  const up = await run(BIN, ['lab', 'up', 'jabberd2', '--keep', '--accounts', '1'], { env });
  t.match(up.stdout, /user1@a\.jabberd2\.lab\.example \/ pass1/, 'prints the account');
  const labs = join(env.XDG_STATE_HOME, 'xmpp-gauntlet', 'lab');
  const [scope] = readdirSync(labs);
  const stateDir = join(labs, scope!);
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
