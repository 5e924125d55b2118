// Runs bench/scenarios/*.yaml through the real CLI against a lab Prosody started in its own
// process, and prints what the engine sustained: messages/s, end-to-end latency, logins, and the
// tool's CPU and memory (the tool alone; the server's CPU is shown on its own line).
// Usage: npm run build && node bench/engine-throughput.mjs [scenario.yaml]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { decodeMetrics, summary } from '../dist/metrics/index.js';
import { pointScenarioAt, startSeparateLab } from './lib/separate-lab.mjs';

const labScenario = process.argv[2] ?? new URL('./scenarios/chat-100.yaml', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
const server = await startSeparateLab('prosody', parse(readFileSync(labScenario, 'utf8')).accounts.lab.count);
const { file: scenario } = pointScenarioAt(labScenario, server.lab, out);
const bin = new URL('../bin/gauntlet', import.meta.url).pathname;
const serverCpuBefore = server.cpuSeconds();
const started = process.hrtime.bigint();
// GNU time prints the tool's peak RSS (KiB) and CPU seconds as the last line of stderr.
const { stderr } = await promisify(execFile)('/usr/bin/time', ['-f', 'usage %M %U %S', bin, 'run', scenario, '--quiet', '--out', out], {
  maxBuffer: 1 << 24,
}).catch((error) => error);
const wallS = Number(process.hrtime.bigint() - started) / 1e9;
const serverCpu = server.cpuSeconds() - serverCpuBefore;
await server.stop();

const usage = /usage (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr ?? '');
const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
const metrics = decodeMetrics(result.metrics);
const fmt = (s) => (s ? `n=${s.count} p50=${s.p50Ms.toFixed(2)}ms p99=${s.p99Ms.toFixed(2)}ms max=${s.maxMs.toFixed(1)}ms` : 'none');
const chat = result.timings.phases.find((p) => p.name === 'chat');
const chatS = chat ? (Date.parse(chat.endedAt) - Date.parse(chat.startedAt)) / 1000 : result.timings.durationMs / 1000;
const sent = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
const received = metrics.counterTotal('stanzas_received{kind=message}') ?? 0;
const cores = (seconds) => `${seconds.toFixed(1)} s (${((seconds / wallS) * 100).toFixed(0)}% of one core)`;
console.log(`scenario          ${result.scenario.name} (lab ${server.lab.kind} in its own process)`);
console.log(`wall              ${wallS.toFixed(1)} s`);
console.log(`messages sent     ${sent} (${(sent / chatS).toFixed(0)}/s over the chat phase), received ${received}`);
console.log(`message_e2e       ${fmt(summary(metrics, 'message_e2e'))}`);
if (summary(metrics, 'message_e2e.corrected')) console.log(`  corrected       ${fmt(summary(metrics, 'message_e2e.corrected'))}`);
const dropped = metrics.counterKeys().filter((key) => key.startsWith('dropped_arrivals')).reduce((sum, key) => sum + metrics.counterTotal(key), 0);
console.log(`dropped arrivals  ${dropped}`);
console.log(`login_total       ${fmt(summary(metrics, 'login_total'))}`);
console.log(`live users (max)  ${metrics.gaugeReading('live_users')?.max}`);
console.log(`errors            ${result.errors.total} ${JSON.stringify(result.errors.byKind)}`);
if (usage) console.log(`tool              max RSS ${(Number(usage[1]) / 1024).toFixed(0)} MiB, CPU ${cores(Number(usage[2]) + Number(usage[3]))}`);
console.log(`server            CPU ${cores(serverCpu)}`);
