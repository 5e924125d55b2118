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
