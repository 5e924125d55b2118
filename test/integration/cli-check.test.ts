import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gauntlet } from '../helpers/cli.js';
import type { RunResult } from '../../src/engine/result.js';

const readResult = async (dir: string): Promise<RunResult> => JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as RunResult;

t.test('checks list: table and JSON, filtered by spec', async (t) => {
  const table = await gauntlet(['checks', 'list', '--spec', 'stream']);
  t.equal(table.code, 0);
  t.match(table.out, /rfc6120\.stream\.host-unknown +MUST +RFC 6120 §4\.7\.1, RFC 6120 §4\.9\.3\.6/);
  const json = await gauntlet(['checks', 'list', '--spec', 'rfc6120.stream.host-unknown', '--json']);
  t.same(JSON.parse(json.out).map((c: { id: string }) => c.id), ['rfc6120.stream.host-unknown']);
  t.equal((await gauntlet(['checks', 'list', '--spec', 'no-such-thing'])).code, 2, 'unknown selector: usage error');
});

t.test('check: usage errors stop before anything starts', async (t) => {
  t.equal((await gauntlet(['check'])).code, 2, 'no domain and no --lab');
  const noPassword = await gauntlet(['check', 'example.org', '--user', 'me@example.org']);
  t.equal(noPassword.code, 2);
  t.match(noPassword.err, /--password-env/);
  const unset = await gauntlet(['check', 'example.org', '--user', 'me@example.org', '--password-env', 'GAUNTLET_TEST_UNSET_VARIABLE']);
  t.match(unset.err, /GAUNTLET_TEST_UNSET_VARIABLE is not set/);
  t.equal((await gauntlet(['check', '--lab', 'prosody', '--checks', 'rfc6120.strem.*'])).code, 2, 'a typo in --checks');
});

t.test('check --lab prosody: result.json like a run, exit 1 only when a MUST fails', async (t) => {
  const passing = join(t.testdir(), 'pass');
  const ok = await gauntlet(['check', '--lab', 'prosody', '--checks', 'rfc6120.stream.features,rfc6120.stream.host-unknown', '--out', passing]);
  t.equal(ok.code, 0, ok.out + ok.err);
  t.match(ok.err, /pass +rfc6120\.stream\.features/, 'progress per check on stderr');
  t.match(ok.out, /stream +- +- +- +- +- +2 +2/);
  const result = await readResult(passing);
  t.same(result.checks?.map((c) => [c.id, c.verdict]), [['rfc6120.stream.features', 'pass'], ['rfc6120.stream.host-unknown', 'pass']]);
  t.equal(result.target.lab?.kind, 'prosody');
  t.ok(result.checks?.[0]?.wire.some((w) => w.dir === 'in' && w.text.includes('<stream:features')), 'the wire log is kept');

  // A documented Prosody deviation (see checks-stream.test.ts) makes a MUST fail: exit 1.
  const failing = join(t.testdir(), 'fail');
  const bad = await gauntlet(['check', '--lab', 'prosody', '--checks', 'rfc6120.stream.stanza-before-auth', '--out', failing, '--quiet']);
  t.equal(bad.code, 1);
  t.match(bad.out, /1 MUST check\(s\) failed/);
});

t.test('run: a checks-only scenario writes its checks into result.json', async (t) => {
  const dir = t.testdir({
    'checks.yaml': 'target: { lab: prosody }\nchecks: { select: [rfc6120.stream.header-from-id, rfc6120.stream.jabber-server-on-c2s] }\n',
  });
  const out = join(dir, 'out');
  const run = await gauntlet(['run', join(dir, 'checks.yaml'), '--quiet', '--out', out]);
  t.equal(run.code, 0, run.out + run.err);
  t.match(run.out, /checks +fail +error +warn +skip +info +pass +total/);
  const result = await readResult(out);
  t.same(result.checks?.map((c) => c.verdict), ['pass', 'info']);
  t.same(result.timings.phases, [], 'no load phases');
});

t.test('check a running server by host, port and CA, with accounts made by in-band registration', async (t) => {
  const { startLab } = await import('../../src/lab/index.js');
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const out = join(t.testdir(), 'register');
  const run = await gauntlet([
    'check', lab.domains[0], '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile, '--register',
    '--checks', 'rfc6120.stream.from-stamped,rfc6120.stream.host-unknown', '--out', out, '--quiet',
  ]);
  t.equal(run.code, 0, run.out + run.err);
  const result = await readResult(out);
  t.same(result.checks?.map((c) => [c.id, c.verdict]), [['rfc6120.stream.host-unknown', 'pass'], ['rfc6120.stream.from-stamped', 'pass']]);
  t.equal(result.target.via, 'explicit');
  t.notMatch(JSON.stringify(result), /"password"/, 'no password in result.json');

  const none = await gauntlet(['check', lab.domains[0], '--host', lab.host, '--port', String(lab.ports.c2s), '--ca', lab.caFile, '--checks', 'rfc6120.stream.from-stamped', '--out', join(out, 'none'), '--quiet']);
  t.equal(none.code, 0);
  t.match(none.out, /skip +rfc6120\.stream\.from-stamped \[MUST\] — needs 2 account\(s\); only 0 supplied/);
});
