// `gauntlet rank` on a 1,000-entry list through the built CLI: total wall time, peak RSS of the
// gauntlet process (VmHWM, polled from /proc), and the size of what it wrote. The list mixes a
// lab Prosody (started in its own process) listed under many names with fake unreachable hosts
// (127.0.0.x, closed ports), so both the full probe path and the fast-failure path are exercised.
//   npm run build && node bench/rank-scale.mjs [entries] [labShare] [concurrency]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSeparateLab } from './lib/separate-lab.mjs';

const entries = Number(process.argv[2] ?? 1000);
const labShare = Number(process.argv[3] ?? 0.2);
const concurrency = Number(process.argv[4] ?? 64);
const bin = new URL('../bin/gauntlet', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rank-scale-'));

const separate = await startSeparateLab('prosody', 0);
try {
  const { lab } = separate;
  const labCount = Math.round(entries * labShare);
  const hosts = Array.from({ length: entries }, (_, i) =>
    i < labCount
      ? { domain: `lab-${i}.rank-bench.example`, host: lab.host, port: lab.ports.c2s, directPort: lab.ports.c2sDirectTls, s2sPort: lab.ports.s2s }
      : { domain: `dead-${i}.rank-bench.example`, host: `127.0.0.${2 + (i % 250)}`, port: 1, directPort: 1, s2sPort: 1 },
  );
  const list = join(dir, 'hosts.json');
  writeFileSync(list, JSON.stringify(hosts));
  const out = join(dir, 'out');
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'rank', list, '--out', out, '--ca', lab.caFile, '--timeout', '3s', '--concurrency', String(concurrency), '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // the process has ended
    }
  }, 100);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const size = (name) => `${(statSync(join(out, name)).size / 1024 / 1024).toFixed(1)} MiB`;
  console.log(`entries          ${entries} (${labCount} naming the lab Prosody, ${entries - labCount} unreachable 127.0.0.x)`);
  console.log(`concurrency      ${concurrency}`);
  console.log(`exit code        ${code}${stderr ? `  (${stderr.trim().split('\n').pop()})` : ''}`);
  console.log(`wall time        ${seconds.toFixed(1)} s  (${(entries / seconds).toFixed(1)} hosts/s)`);
  console.log(`peak RSS         ${(peakKb / 1024).toFixed(0)} MiB (VmHWM of the gauntlet process)`);
  console.log(`facts.jsonl      ${size('facts.jsonl')}; rank.json ${size('rank.json')}; leaderboard.html ${size('leaderboard.html')}`);
} finally {
  await separate.stop();
}
