// `--workers 1` vs `--workers 2` on this machine against one lab Prosody in its own process:
// connections held, messages/s delivered, latency, and each process's peak RSS and CPU.
// Usage: npm run build && node bench/workers-scale.mjs [users=400] [holdSeconds=15]
// The target runs on the same machine: on 2 cores, Prosody (one core at most) and the workers
// share the CPU, which is what limits the scaling here (the figures say how much each used).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { decodeMetrics, summary } from '../dist/metrics/index.js';
import { startSeparateLab } from './lib/separate-lab.mjs';

const users = Number(process.argv[2] ?? 400);
const holdS = Number(process.argv[3] ?? 15);
const rampS = 15;
const bin = new URL('../bin/gauntlet', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gauntlet-workers-'));
const TICK = 100; // /proc clock ticks per second

function procStat(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), cpuS: (Number(fields[11]) + Number(fields[12])) / TICK, ppid: Number(fields[1]) };
  } catch {
    return undefined; // gone
  }
}

/** The process and its children (the workers), sampled every 250 ms: peak RSS and last CPU each. */
function sampleTree(root) {
  const seen = new Map();
  const sample = () => {
    const pids = [root, ...readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => procStat(pid)?.ppid === root)];
    for (const pid of pids) {
      const stat = procStat(pid);
      if (!stat) continue;
      const known = seen.get(pid) ?? { pid, role: pid === root ? 'main' : 'worker', peakRssKiB: 0, cpuS: 0 };
      seen.set(pid, { ...known, peakRssKiB: Math.max(known.peakRssKiB, stat.rssKiB), cpuS: stat.cpuS });
    }
  };
  const timer = setInterval(sample, 250);
  return () => (clearInterval(timer), [...seen.values()]);
}

async function runWith(workers, lab) {
  const scenario = join(dir, `w${workers}.yaml`);
  writeFileSync(scenario, stringify({
    name: `workers-scale`,
    target: { domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, ca: lab.caFile },
    accounts: { pattern: { username: 'user{n}', password: 'pass{n}', count: users } },
    load: { phases: [{ name: 'hold', executor: 'ramping-users', users: 0, stages: [{ duration: `${rampS}s`, target: users }, { duration: `${holdS}s`, target: users }] }] },
    flow: ['login', 'presence', { loop: { duration: '10m', steps: [{ message: { to: 'random-online', size: 100 } }, { think: { exponential: '1s' } }] } }, 'disconnect'],
  }));
  const out = join(dir, `out-${workers}`);
  const started = Date.now();
  const child = spawn(process.execPath, [bin, 'run', scenario, '--workers', String(workers), '--quiet', '--out', out], { stdio: 'ignore' });
  const stop = sampleTree(child.pid);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const processes = stop();
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  const metrics = decodeMetrics(result.metrics);
  const hold = result.timings.phases[0];
  const sent = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
  const received = metrics.counterTotal('stanzas_received{kind=message}') ?? 0;
  const e2e = summary(metrics, 'message_e2e');
  return {
    workers,
    code,
    wallS: (Date.now() - started) / 1000,
    peakUsers: metrics.gaugeReading('live_users')?.max ?? 0,
    logins: summary(metrics, 'login_total')?.count ?? 0,
    loginP99Ms: summary(metrics, 'login_total')?.p99Ms,
    receivedPerS: received / ((Date.parse(hold.endedAt) - Date.parse(hold.startedAt)) / 1000),
    sent,
    e2e,
    errors: result.errors.total,
    errorKinds: result.errors.byKind,
    processes,
  };
}

const server = await startSeparateLab('prosody', users);
const rows = [];
try {
  for (const workers of [1, 2]) {
    const cpuBefore = server.cpuSeconds();
    const row = await runWith(workers, server.lab);
    rows.push({ ...row, serverCpuS: server.cpuSeconds() - cpuBefore });
  }
} finally {
  await server.stop();
}
console.log(`machine: ${cpus().length} cores; ${users} users ramped over ${rampS}s then held ${holdS}s, each sending ~1 msg/s (100 B) to a random online user`);
for (const r of rows) {
  console.log(`\n--workers ${r.workers} (exit ${r.code}, wall ${r.wallS.toFixed(1)} s)`);
  // Users stay logged in until the end: each successful login is a connection held through the hold.
  console.log(`  connections held (logins ok)        ${r.logins} of ${users} (peak live users ${r.peakUsers}); login p99 ${r.loginP99Ms?.toFixed(0)} ms; errors ${r.errors} ${JSON.stringify(r.errorKinds)}`);
  console.log(`  messages delivered                  ${r.receivedPerS.toFixed(0)}/s over the phase (sent ${r.sent}); e2e p50 ${r.e2e?.p50Ms.toFixed(1)} ms p99 ${r.e2e?.p99Ms.toFixed(1)} ms`);
  for (const p of r.processes) {
    console.log(`  ${p.role.padEnd(6)} pid ${p.pid}: peak RSS ${(p.peakRssKiB / 1024).toFixed(0)} MiB, CPU ${p.cpuS.toFixed(1)} s`);
  }
  console.log(`  server (Prosody) CPU ${r.serverCpuS.toFixed(1)} s`);
}
