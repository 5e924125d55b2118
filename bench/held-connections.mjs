// Memory of many held TLS clients, while holding and at teardown: runs a bench scenario (default
// scenarios/connections-10000.yaml) through the CLI against a lab Prosody in its own process and
// samples the tool's RSS and open sockets from /proc twice a second. Prints the RSS when the most
// sockets were open (hold), the peak after they started closing (teardown), and the overall peak.
// Usage: npm run build && node bench/held-connections.mjs [scenario.yaml] [path/to/bin/gauntlet]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { decodeMetrics, summary } from '../dist/metrics/index.js';
import { pointScenarioAt, startSeparateLab } from './lib/separate-lab.mjs';

const scenarioPath = process.argv[2] ?? new URL('./scenarios/connections-10000.yaml', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'gauntlet-held-'));
const server = await startSeparateLab('prosody', parse(readFileSync(scenarioPath, 'utf8')).accounts.lab.count);
const mib = (kib) => (kib / 1024).toFixed(0);
try {
  const { file } = pointScenarioAt(scenarioPath, server.lab, out);
  // Run as installed (its #! line sets the V8 flags), not as `node bin/gauntlet`.
  const child = spawn(process.argv[3] ?? new URL('../bin/gauntlet', import.meta.url).pathname, ['run', file, '--quiet', '--out', join(out, 'result')], { stdio: 'ignore' });
  const samples = [];
  const timer = setInterval(() => {
    try {
      const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
      const sockets = readdirSync(`/proc/${child.pid}/fd`).length;
      samples.push({ rssKiB, sockets, load: loadavg()[0] });
    } catch {
      // the process is gone
    }
  }, 500);
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const most = Math.max(...samples.map((s) => s.sockets));
  const lastHeld = samples.findLastIndex((s) => s.sockets === most);
  const hold = Math.max(...samples.slice(0, lastHeld + 1).map((s) => s.rssKiB));
  const teardown = Math.max(...samples.slice(lastHeld + 1).map((s) => s.rssKiB), 0);
  const metrics = decodeMetrics(JSON.parse(readFileSync(join(out, 'result', 'result.json'), 'utf8')).metrics);
  const logins = summary(metrics, 'login_total');
  console.log(`scenario        ${parse(readFileSync(scenarioPath, 'utf8')).name}: logins ${logins?.count ?? 0} (p50 ${logins?.p50Ms.toFixed(0)} ms), peak live users ${metrics.gaugeReading('live_users')?.max}, failed connections ${metrics.counterKeys().filter((k) => k.startsWith('connections_failed')).reduce((n, k) => n + metrics.counterTotal(k), 0)}`);
  console.log(`open fds (max)  ${most}`);
  console.log(`RSS             hold ${mib(hold)} MiB, teardown peak ${mib(teardown)} MiB (+${mib(Math.max(0, teardown - hold))}), overall peak ${mib(Math.max(hold, teardown))} MiB`);
  console.log(`load average    ${Math.min(...samples.map((s) => s.load)).toFixed(1)}–${Math.max(...samples.map((s) => s.load)).toFixed(1)} during the run`);
} finally {
  await server.stop();
}
