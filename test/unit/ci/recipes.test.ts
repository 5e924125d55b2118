/**
 * The CI recipes: action.yml and the example workflow against GitHub's published metadata and
 * workflow schemas (SchemaStore's, inside @action-validator/core, offline), the Action's script
 * run with a recording stand-in for gauntlet, and the GitLab template parsed and checked for its
 * JUnit wiring (no offline copy of GitLab's own CI schema is available to this project).
 */
import t from 'tap';
import type { Test } from 'tap';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { buildProgram } from '../../../src/cli/program.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The long options each gauntlet command really has. */
const OPTIONS = new Map((await buildProgram()).commands.map((c) => [c.name(), new Set(c.options.map((o) => o.long))]));

interface Recorded {
  code: number;
  stdout: string;
  /** The arguments the stand-in gauntlet got, or undefined if it did not run. */
  argv?: string[];
  output: string;
}

/** Runs ci/github/run-gauntlet.sh as the Action's step would, with a stand-in gauntlet that records its arguments. */
async function actionStep(inputs: Record<string, string>, gauntletExit = 0): Promise<Recorded> {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-action-'));
  writeFileSync(join(dir, 'gauntlet'), `#!/bin/sh\n# stand-in for gauntlet: records its arguments\nprintf '%s\\0' "$@" > ${dir}/argv\nexit ${gauntletExit}\n`);
  chmodSync(join(dir, 'gauntlet'), 0o755);
  writeFileSync(join(dir, 'output'), '');
  const env = { PATH: `${dir}:${process.env.PATH}`, GITHUB_OUTPUT: join(dir, 'output'), ...inputs };
  const result = await run('bash', [join(ROOT, 'ci', 'github', 'run-gauntlet.sh')], { env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string }) => e,
  );
  let argv: string[] | undefined;
  try {
    argv = readFileSync(join(dir, 'argv'), 'utf8').replace(/\0$/, '').split('\0');
  } catch {
    argv = undefined;
  }
  return { code: result.code, stdout: result.stdout, argv, output: readFileSync(join(dir, 'output'), 'utf8') };
}

function assertRealOptions(t: Test, argv: string[], where: string): void {
  const known = OPTIONS.get(argv[0]!);
  t.ok(known, `${where}: gauntlet ${argv[0]} exists`);
  for (const flag of argv.filter((a) => a.startsWith('--'))) t.ok(known?.has(flag), `${where}: gauntlet ${argv[0]} has ${flag}`);
}

t.test('action.yml is valid action metadata, and the validator does reject a broken one', async (t) => {
  const action = read('action.yml');
  t.same(validateAction(action).errors, []);
  const broken = action.replace(/\n {4}- name: Run gauntlet\n {6}id: gauntlet\n {6}shell: bash\n/, '\n    - name: Run gauntlet\n      id: gauntlet\n');
  t.not(broken, action);
  t.ok(validateAction(broken).errors.length > 0, 'a composite step without shell is refused');
});

t.test('the example workflow is a valid workflow and uses the Action with its real inputs', async (t) => {
  const workflow = read('ci/github/example-workflow.yml');
  t.same(validateWorkflow(workflow).errors, []);
  t.ok(validateWorkflow(workflow.replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04')).errors.length > 0, 'a misspelt key is refused');
  const inputs = Object.keys((parse(read('action.yml')) as { inputs: Record<string, unknown> }).inputs);
  const steps = (parse(workflow) as { jobs: { gauntlet: { steps: { uses?: string; with?: Record<string, string> }[] } } }).jobs.gauntlet.steps;
  const ours = steps.filter((s) => s.uses?.startsWith('xmpp-gauntlet/'));
  t.same(ours.map((s) => s.with?.command), ['check', 'run', 'compare']);
  for (const step of ours) for (const key of Object.keys(step.with ?? {})) t.ok(inputs.includes(key), `input ${key} exists`);
  t.ok(steps.some((s) => s.uses?.startsWith('actions/upload-artifact')), 'reports kept as an artifact');
});

t.test('every Action input reaches the script, and every INPUT_ variable the script reads is an input', async (t) => {
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; runs: { steps: { env?: Record<string, string> }[] } };
  const passed = new Set(action.runs.steps.flatMap((s) => Object.keys(s.env ?? {})));
  const expected = (name: string) => `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
  for (const name of Object.keys(action.inputs)) if (name !== 'node-version') t.ok(passed.has(expected(name)), `${name} is passed`);
  const used = [...read('ci/github/run-gauntlet.sh').matchAll(/INPUT_[A-Z_]+/g), ...read('ci/github/install-gauntlet.sh').matchAll(/INPUT_[A-Z_]+/g)].map((m) => m[0]);
  for (const variable of new Set(used)) t.ok(passed.has(variable), `${variable} is set by action.yml`);
});

t.test("the Action's step builds real gauntlet command lines", async (t) => {
  const check = await actionStep({
    INPUT_COMMAND: 'check', INPUT_DOMAIN: 'example.org', INPUT_HOST: '127.0.0.1', INPUT_CA: 'ca.pem', INPUT_USER: 'me@example.org',
    INPUT_PASSWORD: 's3cret', INPUT_REGISTER: 'false', INPUT_EXPECT: 'expected.yaml', INPUT_OUT: 'r', INPUT_JUNIT: 'r/junit.xml', INPUT_ARGS: '--quiet\n--checks\nstream',
  });
  t.same(check.argv, ['check', 'example.org', '--host', '127.0.0.1', '--ca', 'ca.pem', '--user', 'me@example.org', '--password-env', 'GAUNTLET_PASSWORD', '--expect', 'expected.yaml', '--out', 'r', '--junit', 'r/junit.xml', '--quiet', '--checks', 'stream']);
  t.notMatch(check.stdout, /s3cret/, 'the password is not on the command line or in the log');
  assertRealOptions(t, check.argv!, 'check');

  const load = await actionStep({ INPUT_COMMAND: 'run', INPUT_SCENARIO: 'load.yaml', INPUT_ENV: 'LOAD_PASSWORD=hunter2\nUSERS=50', INPUT_OUT: 'r' });
  t.same(load.argv, ['run', 'load.yaml', '--env', 'LOAD_PASSWORD=hunter2', '--env', 'USERS=50', '--out', 'r']);
  t.notMatch(load.stdout, /hunter2/, '--env values are hidden in the log');
  assertRealOptions(t, load.argv!, 'run');

  const compare = await actionStep({ INPUT_COMMAND: 'compare', INPUT_BASELINE: 'a.json', INPUT_CANDIDATE: 'b.json', INPUT_TOLERANCE: '5%', INPUT_HTML: 'c.html', INPUT_OUT: 'r', INPUT_JUNIT: 'r/j.xml' });
  t.same(compare.argv, ['compare', 'a.json', 'b.json', '--tolerance', '5%', '--html', 'c.html']);
  assertRealOptions(t, compare.argv!, 'compare');
});

t.test("the Action's step passes gauntlet's exit code through, and refuses a wrong command", async (t) => {
  for (const code of [0, 1, 4]) {
    const step = await actionStep({ INPUT_COMMAND: 'check', INPUT_LAB: 'prosody' }, code);
    t.equal(step.code, code, `exit ${code}`);
    t.equal(step.output, `exit-code=${code}\n`, 'the exit-code output');
  }
  const wrong = await actionStep({ INPUT_COMMAND: 'bench' });
  t.equal(wrong.code, 2);
  t.match(wrong.stdout, /::error::unknown command 'bench'/);
  t.equal(wrong.argv, undefined, 'gauntlet never ran');
  const noScenario = await actionStep({ INPUT_COMMAND: 'run' });
  t.equal(noScenario.code, 2);
});

t.test('the GitLab template wires JUnit reports and artifacts, and its command lines are real', async (t) => {
  const template = parse(read('ci/gitlab/gauntlet.gitlab-ci.yml')) as Record<string, { extends?: string; script?: string[]; variables?: Record<string, string>; artifacts?: { when?: string; paths?: string[]; reports?: { junit?: string } } }>;
  const base = template['.gauntlet']!;
  t.equal(base.artifacts?.when, 'always', 'reports are kept when the job fails too');
  t.equal(base.artifacts?.reports?.junit, 'gauntlet-reports/*/junit.xml');
  t.same(base.artifacts?.paths, ['gauntlet-reports/']);
  for (const name of ['.gauntlet-check', '.gauntlet-run', '.gauntlet-compare']) {
    const job = template[name]!;
    t.equal(job.extends, '.gauntlet', `${name} extends .gauntlet`);
    t.ok(job.script?.some((line) => line.includes(`gauntlet ${name.slice('.gauntlet-'.length)} `)), `${name} runs gauntlet`);
  }
  t.notOk(template['.gauntlet-compare']!.artifacts?.reports, 'compare writes no JUnit, so it claims none');

  // The check line as the runner's shell expands it, with a stand-in gauntlet.
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-gitlab-'));
  writeFileSync(join(dir, 'gauntlet'), `#!/bin/sh\nprintf '%s\\0' "$@" > ${dir}/argv\n`);
  chmodSync(join(dir, 'gauntlet'), 0o755);
  const variables = { ...template.variables, ...template['.gauntlet-check']!.variables } as Record<string, string>;
  const env = { PATH: `${dir}:${process.env.PATH}`, GAUNTLET_ACCOUNTS: variables.GAUNTLET_ACCOUNTS!, GAUNTLET_REPORTS: 'gauntlet-reports/xmpp-conformance', GAUNTLET_DOMAIN: 'localhost', GAUNTLET_HOST: 'xmpp', GAUNTLET_EXPECT: 'ci/expected verdicts.yaml', GAUNTLET_CHECK_ARGS: '--checks stream' };
  await run('bash', ['-c', template['.gauntlet-check']!.script![0]!], { env });
  const argv = readFileSync(join(dir, 'argv'), 'utf8').replace(/\0$/, '').split('\0');
  t.same(argv, ['check', 'localhost', '--register', '--host', 'xmpp', '--expect', 'ci/expected verdicts.yaml', '--out', 'gauntlet-reports/xmpp-conformance', '--junit', 'gauntlet-reports/xmpp-conformance/junit.xml', '--checks', 'stream']);
  assertRealOptions(t, argv, 'GitLab check');
  for (const name of ['.gauntlet-run', '.gauntlet-compare']) {
    const line = template[name]!.script!.find((l) => l.startsWith('gauntlet '))!;
    const command = line.split(' ')[1]!;
    assertRealOptions(t, [command, ...(line.match(/--[a-z-]+/g) ?? [])], `GitLab ${name}`);
  }
});

t.test("docs/ci.md's load scenario is a valid scenario with thresholds", async (t) => {
  const yaml = /```yaml\n(# ci\/xmpp\/load\.yaml\n[\s\S]*?)```/.exec(read('docs/ci.md'))?.[1];
  t.ok(yaml, 'the example is there');
  const scenario = loadScenarioText(yaml!, 'docs/ci.md', { env: { LOAD_PASSWORD: 'secret' } });
  t.equal(scenario.name, 'ci-load');
  t.ok(Object.keys(scenario.thresholds).length >= 3, 'it has thresholds');
});
