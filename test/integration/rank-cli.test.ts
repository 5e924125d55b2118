import t from 'tap';
import { execFile, spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RankFile } from '../../src/rank/output/rank-file.js';
import { GAUNTLET_BIN } from '../helpers/cli.js';

/**
 * `gauntlet rank`'s unhappy paths through the built CLI: a bad list, Ctrl-C in the middle (the
 * outputs hold what was gathered, exit 130), and --resume finishing the list without probing
 * again what the journal has. A FAKE SILENT HOST (accepts TCP, never says a word) keeps a probe
 * busy; the other hosts are closed ports.
 */
t.setTimeout(120_000);
const dir = t.testdir();
const exec = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(GAUNTLET_BIN, args, { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

t.test('a bad host list exits 2 naming every bad line, with a hint', async (t) => {
  const list = join(dir, 'bad.txt');
  writeFileSync(list, 'ok.example\nhttps://nope.example\n');
  const { code, stderr } = await cli(['rank', list, '--out', join(dir, 'bad-out')]);
  t.equal(code, 2);
  t.match(stderr, /line 2: "https:\/\/nope\.example" is not a domain name/);
  t.match(stderr, /one domain a line/);
  t.equal((await cli(['rank', join(dir, 'missing.txt')])).code, 2);
});

t.test('Ctrl-C writes what was gathered and exits 130; --resume finishes the rest', async (t) => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket)); // FAKE SILENT HOST: never answers
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
  const port = (silent.address() as { port: number }).port;
  const closed = (name: string) => ({ domain: `${name}.rank-cli.example`, host: '127.0.0.1', port: 9, directPort: 9, s2sPort: 9 });
  const list = join(dir, 'hosts.json');
  writeFileSync(list, JSON.stringify([closed('one'), { domain: 'silent.rank-cli.example', host: '127.0.0.1', port, directPort: port, s2sPort: port }, closed('three')]));
  const out = join(dir, 'out');
  const args = ['rank', list, '--out', out, '--concurrency', '1', '--timeout', '1500ms', '--host-timeout', '4s', '--delay', '20ms'];

  const child = spawn(GAUNTLET_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const journal = join(out, 'facts.jsonl');
  // Interrupt once the first closed-port host is journaled and the silent one is being probed.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    let lines = 0;
    try {
      lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean).length;
    } catch {
      // not yet created
    }
    if (lines >= 1) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  t.comment(`interrupting after ${Date.now() - deadline + 30_000} ms`);
  child.kill('SIGINT');
  const code = await new Promise((resolve) => child.on('exit', resolve));
  t.equal(code, 130, stderr);
  t.match(stderr, /--resume/);
  const partial = JSON.parse(readFileSync(join(out, 'rank.json'), 'utf8')) as RankFile;
  t.equal(partial.interrupted, true);
  t.same(partial.hosts.map((h) => h.domain), ['one.rank-cli.example']);
  t.equal(partial.notFinished, 2);

  t.equal((await cli(args)).code, 2, 'the same --out without --resume is refused: nothing is overwritten');
  const resumeStarted = Date.now();
  const resumed = await cli([...args, '--resume']);
  t.comment(`resumed run: ${Date.now() - resumeStarted} ms`);
  t.match(resumed.stderr, /resuming: 1 of 3 hosts already probed/);
  const full = JSON.parse(readFileSync(join(out, 'rank.json'), 'utf8')) as RankFile;
  t.equal(full.hosts.length, 3);
  t.equal(full.interrupted, false);
  const silentHost = full.hosts.find((h) => h.domain === 'silent.rank-cli.example')!;
  t.ok(silentHost.grades.c2sTls.grade === 'unknown', `the silent host is graded unknown: ${JSON.stringify(silentHost.facts.unknown)}`);
  t.equal(readFileSync(journal, 'utf8').split('\n').filter(Boolean).length, 3, 'each host journaled once');
  t.equal(resumed.code, 0, 'the silent host accepted a connection: the list was ranked');
});
