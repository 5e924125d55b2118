// Runs the real CLI (bin/gauntlet from dist/, a child process) against one FAKE HOSTILE SERVER
// case and measures what issue 13 asks: exit code, wall time, peak RSS (VmHWM from /proc, read
// until the child exits), the files written and the console output. Used by the hostile-corpus
// test and by bench/hostile-corpus.mjs.
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labCa } from '../../../dist/lab/ca.js';
import { HOSTILE_CASES, HOSTILE_PASSWORD, startFakeHostileServer } from './fake-hostile-server.mjs';

const BIN = new URL('../../../bin/gauntlet', import.meta.url).pathname;
export const HOSTILE_DOMAIN = 'hostile.test';
const PASSWORD_ENV = 'GAUNTLET_HOSTILE_PASSWORD';
/** Console output kept per stream: enough to assert on, bounded whatever the tool prints. */
const MAX_OUTPUT = 1024 * 1024;

function peakRssKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function sizeOf(file) {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function cliArgs(name, mode, port, caFile, out, options) {
  if (mode === 'check') {
    return ['check', HOSTILE_DOMAIN, '--host', '127.0.0.1', '--port', String(port), '--ca', caFile, '--user', `alice@${HOSTILE_DOMAIN}`, '--password-env', PASSWORD_ENV,
      '--checks', options.checks ?? HOSTILE_CASES[name].checks ?? 'stream', '--check-timeout', options.checkTimeout ?? '3s', '--deadline', options.deadline ?? '60s', '--out', out];
  }
  const scenario = join(out, 'hostile.yaml');
  writeFileSync(scenario, [
    'name: hostile-one-user',
    `options: { timeout: ${options.stepTimeout ?? '4s'}${options.scenarioLimits ? `, limits: ${options.scenarioLimits}` : ''} }`,
    `target: { domain: ${HOSTILE_DOMAIN}, host: 127.0.0.1, port: ${port}, ca: ${JSON.stringify(caFile)} }`,
    'accounts: { pattern: { username: alice, password: "${env:' + PASSWORD_ENV + '}", count: 1 } }',
    'load: { phases: [ { name: once, executor: constant-users, users: 1, iterations: 1 } ] }',
    'flow: [ login, roster.get, disconnect ]',
    '',
  ].join('\n'));
  return ['run', scenario, '--out', out, ...(options.runArgs ?? [])];
}

/** Runs `mode` ('check' or 'run') against the fake hostile server `name`; kills it after `hardLimitMs`. */
export async function runHostileCase(name, mode = 'check', options = {}) {
  const ca = await labCa();
  const server = await startFakeHostileServer(name, { ...ca.issue([HOSTILE_DOMAIN]), domain: HOSTILE_DOMAIN });
  const out = mkdtempSync(join(tmpdir(), `gauntlet-hostile-${name}-`));
  const started = Date.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...cliArgs(name, mode, server.port, ca.certFile, out, options)], {
    env: { ...process.env, [PASSWORD_ENV]: HOSTILE_PASSWORD, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { out: '', err: '' };
  const keep = (key) => (chunk) => {
    if (output[key].length < MAX_OUTPUT) output[key] += chunk;
  };
  child.stdout.setEncoding('utf8').on('data', keep('out'));
  child.stderr.setEncoding('utf8').on('data', keep('err'));
  let peakKb = 0;
  const poll = setInterval(() => (peakKb = Math.max(peakKb, peakRssKb(child.pid))), 25);
  const hardLimit = setTimeout(() => child.kill('SIGKILL'), options.hardLimitMs ?? 120_000);
  const [code, signal] = await new Promise((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  clearInterval(poll);
  clearTimeout(hardLimit);
  const ms = Date.now() - started;
  await server.close();
  const resultFile = join(out, 'result.json');
  const resultBytes = sizeOf(resultFile);
  const result = resultBytes === undefined ? undefined : JSON.parse(readFileSync(resultFile, 'utf8'));
  const htmlBytes = sizeOf(join(out, 'report.html'));
  if (!options.keep) rmSync(out, { recursive: true, force: true });
  return { name, mode, code, signal, ms, peakRssMb: Math.round(peakKb / 1024), resultBytes, htmlBytes, result, ...output, out_dir: out };
}
