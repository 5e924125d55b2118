// The same workload through Tsung (Debian package tsung) and through gauntlet, against one lab
// Prosody in its own process: 2,000 users arrive at 100/s, log in over STARTTLS with SASL PLAIN,
// send presence, hold 20 s and close. Prints each tool's peak RSS, CPU and completed logins.
// Tsung does not verify the server's certificate; gauntlet does (it trusts the lab CA).
// Usage: npm run build && node bench/tsung-compare.mjs [users]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeMetrics, summary } from '../dist/metrics/index.js';
import { pointScenarioAt, startSeparateLab } from './lib/separate-lab.mjs';

const users = Number(process.argv[2] ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'gauntlet-tsung-'));
const server = await startSeparateLab('prosody', users);
const { lab } = server;
const run = promisify(execFile);
// GNU time prints peak RSS (KiB; the largest process) and CPU seconds (all processes waited for).
const timed = async (command, args, env) => {
  const { stderr } = await run('/usr/bin/time', ['-f', 'usage %M %U %S', command, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 }).catch((error) => error);
  const [, rssKiB, user, system] = /usage (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr ?? '') ?? [];
  return { rssMiB: Number(rssKiB) / 1024, cpuS: Number(user) + Number(system) };
};

try {
  writeFileSync(join(dir, 'users.csv'), Array.from({ length: users }, (_, i) => `user${i + 1};pass${i + 1}\n`).join(''));
  const config = readFileSync(new URL('./tsung/hold.xml', import.meta.url), 'utf8')
    .replaceAll('@PORT@', String(lab.ports.c2s))
    .replaceAll('@DOMAIN@', lab.domains[0])
    .replaceAll('@USERS@', join(dir, 'users.csv'))
    .replaceAll('@COUNT@', String(users));
  writeFileSync(join(dir, 'tsung.xml'), config);
  // -n: no web dashboard; epmd bound to loopback (it listens on every interface by default).
  const tsung = await timed('tsung', ['-n', '-l', join(dir, 'log'), '-f', join(dir, 'tsung.xml'), 'start'], { ERL_EPMD_ADDRESS: '127.0.0.1' });
  const logDir = join(dir, 'log', readdirSync(join(dir, 'log'))[0]);
  const stats = readFileSync(join(logDir, 'tsung.log'), 'utf8');
  const peakUsers = Math.max(0, ...[...stats.matchAll(/^stats: users \d+ (\d+)/gm)].map((m) => Number(m[1])));
  const logins = Math.max(0, ...[...stats.matchAll(/^stats: tr_authenticate \d+ \S+ \S+ \S+ \S+ \S+ (\d+)/gm)].map((m) => Number(m[1])));
  const loginMean = [...stats.matchAll(/^stats: tr_authenticate \d+ \S+ \S+ \S+ \S+ (\S+) \d+/gm)].at(-1)?.[1];

  const { file } = pointScenarioAt(new URL('./scenarios/hold-plain.yaml', import.meta.url).pathname, lab, dir);
  const out = join(dir, 'gauntlet');
  const gauntlet = await timed(process.execPath, [new URL('../bin/gauntlet', import.meta.url).pathname, 'run', file, '--quiet', '--out', out]);
  const metrics = decodeMetrics(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).metrics);
  const login = summary(metrics, 'login_total');

  console.log(`workload        ${users} users at 100/s, STARTTLS + PLAIN + bind, presence, hold 20 s (Prosody ${lab.ports.c2s})`);
  console.log(`tsung           peak RSS ${tsung.rssMiB.toFixed(0)} MiB, CPU ${tsung.cpuS.toFixed(1)} s, peak users ${peakUsers}, logins ${logins} (mean ${Number(loginMean ?? NaN).toFixed(1)} ms over the last interval)`);
  console.log(`gauntlet        peak RSS ${gauntlet.rssMiB.toFixed(0)} MiB, CPU ${gauntlet.cpuS.toFixed(1)} s, peak users ${metrics.gaugeReading('live_users')?.max}, logins ${login?.count} (p50 ${login?.p50Ms.toFixed(1)} ms, p99 ${login?.p99Ms.toFixed(1)} ms)`);
} finally {
  await server.stop();
}
