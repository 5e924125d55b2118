import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LAST_WORDS = new URL('../../../dist/cli/last-words.js', import.meta.url).href;

/** A child process with the fatal handlers installed, partial results registered, then a bug. */
function crash(dir: string, bug: string) {
  const script = `
    import { writeFileSync } from 'node:fs';
    const { installFatalHandlers, setLastWords } = await import(${JSON.stringify(LAST_WORDS)});
    installFatalHandlers();
    setLastWords(async () => { writeFileSync(${JSON.stringify(join(dir, 'result.json'))}, '{"partial":true}'); return 'result.json'; });
    setTimeout(() => { ${bug} }, 10);
    setTimeout(() => {}, 60000);
  `;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, GAUNTLET_DEBUG: '' } });
}

t.test('an uncaught exception: exit 70, one line, partial results written', async (t) => {
  const dir = t.testdir();
  const run = crash(dir, `throw new TypeError('boom \\u001b[2J\\nsecond line')`);
  t.equal(run.status, 70);
  t.equal(run.stderr.trim().split('\n').length, 2, 'one line for the error, one for the partial results');
  t.match(run.stderr, /^internal error: TypeError: boom \\x1b\[2J \(a bug in gauntlet; please report it\)\npartial results: result.json\n$/);
  t.ok(existsSync(join(dir, 'result.json')));
  t.equal(readFileSync(join(dir, 'result.json'), 'utf8'), '{"partial":true}');
});

t.test('an unhandled rejection ends the same way', async (t) => {
  const run = crash(t.testdir(), `Promise.reject(new Error('lost'))`);
  t.equal(run.status, 70);
  t.match(run.stderr, /^internal error: Error: lost/);
});

const EXECUTE = new URL('../../../dist/cli/execute.js', import.meta.url).href;

t.test('gauntlet run: a bug mid-run ends with exit 70, one line, and the partial result.json and report.html', async (t) => {
  const dir = t.testdir();
  // The target accepts and never speaks, so the run is still in its pre-flight login when the
  // test's own timer throws: the bug is the test's, the wiring that handles it is the product's.
  const script = `
    import net from 'node:net';
    import { writeFileSync } from 'node:fs';
    const { installFatalHandlers } = await import(${JSON.stringify(LAST_WORDS)});
    const { executeScenarioFile } = await import(${JSON.stringify(EXECUTE)});
    installFatalHandlers();
    const silent = net.createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.on('listening', resolve));
    const file = ${JSON.stringify(join(dir, 'run.yaml'))};
    writeFileSync(file, [
      'name: crash-mid-run',
      'options: { quiet: true, timeout: 10s }',
      'target: { domain: silent.test, host: 127.0.0.1, port: ' + silent.address().port + ' }',
      'accounts: { pattern: { username: alice, password: not-a-secret, count: 1 } }',
      'load: { phases: [ { name: once, executor: constant-users, users: 1, iterations: 1 } ] }',
      'flow: [ login, disconnect ]',
    ].join('\\n'));
    setTimeout(() => { throw new TypeError('bug in the middle of a run'); }, 500);
    await executeScenarioFile(file, { out: ${JSON.stringify(join(dir, 'out'))} });
  `;
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, GAUNTLET_DEBUG: '' } });
  t.equal(run.status, 70, run.stderr);
  t.ok(Date.now() - started < 8_000, 'ended on the bug, not on the login timeout');
  t.match(run.stderr, /^internal error: TypeError: bug in the middle of a run \(a bug in gauntlet; please report it\)\npartial results: .*result\.json\n$/);
  const result = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8'));
  t.equal(result.scenario.name, 'crash-mid-run');
  t.equal(result.interrupted, true, 'marked as partial');
  t.match(result.thresholds[0], { metric: 'health.run', ok: false, note: 'gauntlet stopped on an internal error: TypeError: bug in the middle of a run' });
  t.match(readFileSync(join(dir, 'out', 'report.html'), 'utf8'), /gauntlet stopped on an internal error/);
});
