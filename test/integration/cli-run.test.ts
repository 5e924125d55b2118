import t from 'tap';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gauntlet');

function scenarioFile(text: string): { file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-cli-'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return { file, out: join(dir, 'out') };
}

t.test('a crossed threshold exits 4 and still writes the results', async (t) => {
  const { file, out } = scenarioFile(`name: strict
target: { lab: prosody }
accounts: { lab: { count: 1 } }
flow: [login]
thresholds:
  login_total: ['max < 1us']
`);
  const error = await run(BIN, ['run', file, '--out', out, '--quiet']).catch((e) => e);
  t.equal(error.code, 4);
  t.match(error.stdout, /login_total: max < 1us\s+\S+\s+FAIL/);
  t.ok(existsSync(join(out, 'result.json')));
});

t.test('a broken scenario exits 2 naming every problem with its line', async (t) => {
  const { file } = scenarioFile(`name: broken
target: { lab: prosody }
accounts: { lab: { count: 1 } }
flow:
  - login
  - mesage: { to: self }
thresholds:
  login_total: ['p(99) <']
`);
  const error = await run(BIN, ['run', file]).catch((e) => e);
  t.equal(error.code, 2);
  t.match(error.stderr, /scenario\.yaml:6:\d+:.*mesage.*did you mean 'message'/);
  t.match(error.stderr, /scenario\.yaml:8:\d+:/);
});

t.test('Ctrl-C stops the run, writes the results and exits 130', async (t) => {
  const { file, out } = scenarioFile(`name: endless
target: { lab: prosody }
accounts: { lab: { count: 2 } }
load:
  phases: [{ executor: constant-users, users: 2, duration: 5m }]
flow:
  - login
  - presence
  - loop: { duration: 5m, steps: [ { iq: ping }, { think: 20ms } ] }
`);
  const child = spawn(BIN, ['run', file, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Stop once the phase runs (lab start and pre-flight come first, slower on a busy machine).
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => /phase 1\/1/.test(stderr) && (clearInterval(poll), setTimeout(resolve, 2000)), 100);
  });
  child.kill('SIGINT');
  const code = await new Promise((resolve) => child.once('exit', resolve));
  t.equal(code, 130);
  t.match(stderr, /stopping: closing sessions and writing results/);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  t.equal(result.interrupted, true);
  t.ok(result.metrics.histograms['iq_rtt{kind=ping}'], 'pings measured before the stop are kept');
});

t.test('gauntlet schema prints a JSON Schema', async (t) => {
  const { stdout } = await run(BIN, ['schema']);
  const schema = JSON.parse(stdout);
  t.match(schema.$schema, /json-schema\.org/);
  t.ok(schema.properties.flow);
});
