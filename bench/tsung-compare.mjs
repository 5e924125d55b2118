// The same workload through Tsung (Debian package tsung) and through gauntlet, against one lab
// Prosody in its own process, as interleaved A/B pairs (the order alternates, so a busy spell on
// the machine does not land on one tool only). Prints per run and as medians: CPU seconds of the
// tool's processes (kernel rusage, not wall time), peak RSS, chat messages sent / delivered /
// in flight at close / lost, the ratios gauntlet ÷ Tsung, and the load average at each run.
//
//   chat (default): 500 users at 50/s, STARTTLS + PLAIN + bind, presence, roster, 60 stamped
//                   64-byte chats at 1/s each to random online users (tsung/chat.xml, scenarios/chat-500.yaml)
//   hold:           2,000 users at 100/s log in, send presence, hold 20 s (tsung/hold.xml, scenarios/hold-plain.yaml)
//
// Tsung does not verify the server's certificate; gauntlet does (it trusts the lab CA).
// Usage: npm run build && node bench/tsung-compare.mjs [--workload chat|hold] [--users N] [--pairs 3] [--gauntlet path/to/bin/gauntlet]
//        [--before path/to/another/bin/gauntlet]   (a third run per pair, e.g. a build of an earlier commit)
//        [--floor]   (chat only: one more run per pair through raw-chat.mjs, a bare node:tls client
//                     with no parser: the CPU and memory floor of any Node.js tool on this workload)
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { decodeMetrics, summary } from '../dist/metrics/index.js';
import { pointScenarioAt, startSeparateLab } from './lib/separate-lab.mjs';

const { values: args } = parseArgs({
  options: {
    workload: { type: 'string', default: 'chat' },
    users: { type: 'string' },
    pairs: { type: 'string', default: '3' },
    gauntlet: { type: 'string', default: new URL('../bin/gauntlet', import.meta.url).pathname },
    before: { type: 'string' },
    floor: { type: 'boolean', default: false },
  },
});
const WORKLOADS = {
  chat: { tsung: 'chat.xml', scenario: 'chat-500.yaml', users: 500, chats: 60 },
  hold: { tsung: 'hold.xml', scenario: 'hold-plain.yaml', users: 2000 },
};
const workload = WORKLOADS[args.workload];
if (!workload) throw new Error(`--workload is one of ${Object.keys(WORKLOADS).join(', ')}`);
const users = Number(args.users ?? workload.users);
if (args.floor && args.workload !== 'chat') throw new Error('--floor runs the chat workload only');
const run = promisify(execFile);

// GNU time: peak RSS (KiB, the largest process) and CPU seconds of every process waited for.
async function timed(command, argv, env) {
  const load = loadavg()[0];
  const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'usage %M %U %S', command, ...argv], { env: { ...process.env, ...env }, maxBuffer: 1 << 26 }).catch((error) => error);
  const [, rssKiB, user, system] = /usage (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr ?? '') ?? [];
  return { rssMiB: Number(rssKiB) / 1024, cpuS: Number(user) + Number(system), load: Math.max(load, loadavg()[0]), stdout };
}

/** The cumulative count (last field of the last line) of a Tsung stats name; 0 when absent. */
function tsungTotal(stats, name) {
  const lines = [...stats.matchAll(new RegExp(`^stats: ${name} .* (\\d+)$`, 'gm'))];
  return Number(lines.at(-1)?.[1] ?? 0);
}

async function runTsung(lab, dir, index) {
  const config = readFileSync(new URL(`./tsung/${workload.tsung}`, import.meta.url), 'utf8')
    .replaceAll('@PORT@', String(lab.ports.c2s))
    .replaceAll('@DOMAIN@', lab.domains[0])
    .replaceAll('@USERS@', join(dir, 'users.csv'))
    .replaceAll('@COUNT@', String(users))
    .replaceAll('@ARRIVAL_S@', String(Math.ceil(users / 50) + 10))
    .replaceAll('@CHATS@', String(workload.chats ?? 0));
  const file = join(dir, `tsung-${index}.xml`);
  writeFileSync(file, config);
  const logRoot = join(dir, `tsung-log-${index}`);
  // -n: no web dashboard; epmd bound to loopback (it listens on every interface by default).
  const usage = await timed('tsung', ['-n', '-l', logRoot, '-f', file, 'start'], { ERL_EPMD_ADDRESS: '127.0.0.1' });
  const stats = readFileSync(join(logRoot, readdirSync(logRoot)[0], 'tsung.log'), 'utf8');
  const sent = tsungTotal(stats, 'tr_chat');
  const delivered = tsungTotal(stats, 'xmpp_msg_latency');
  // Tsung tells nothing about messages still on their way: all undelivered ones count as lost.
  return { ...usage, logins: tsungTotal(stats, 'tr_authenticate'), sent, delivered, inFlight: 0, lost: sent - delivered };
}

async function runGauntlet(lab, dir, index, bin = args.gauntlet) {
  const { file } = pointScenarioAt(new URL(`./scenarios/${workload.scenario}`, import.meta.url).pathname, lab, dir);
  const out = join(dir, `gauntlet-${index}-${bin === args.gauntlet ? 'now' : 'before'}`);
  // Run as installed (its #! line sets the V8 flags), not as `node bin/gauntlet`.
  const usage = await timed(bin, ['run', file, '--quiet', '--out', out]);
  const metrics = decodeMetrics(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).metrics);
  const total = (key) => metrics.counterTotal(key) ?? 0;
  const sent = total('stanzas_sent{kind=message}');
  const delivered = summary(metrics, 'message_e2e')?.count ?? 0;
  const inFlight = total('messages_in_flight_at_close');
  const bounced = total('messages_bounced');
  return { ...usage, logins: summary(metrics, 'login_total')?.count ?? 0, sent, delivered, inFlight, bounced, lost: sent - delivered - inFlight - bounced };
}

async function runFloor(lab) {
  const script = new URL('./raw-chat.mjs', import.meta.url).pathname;
  const argv = [script, '--host', lab.host, '--port', String(lab.ports.c2s), '--domain', lab.domains[0], '--ca', lab.caFile, '--users', String(users), '--chats', String(workload.chats)];
  const { stdout, ...usage } = await timed(process.execPath, argv);
  const { logins = 0, sent = 0, delivered = 0 } = JSON.parse(stdout.trim().split('\n').at(-1) || '{}');
  return { ...usage, logins, sent, delivered, inFlight: 0, lost: sent - delivered };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const line = (label, r) =>
  `${label.padEnd(9)} CPU ${r.cpuS.toFixed(1).padStart(5)} s (${((1000 * r.cpuS) / Math.max(1, r.logins)).toFixed(1)} ms per user logged in)  peak RSS ${r.rssMiB.toFixed(0).padStart(4)} MiB  logins ${r.logins}  ` +
  `messages sent ${r.sent} delivered ${r.delivered} in flight at close ${r.inFlight}${r.bounced ? ` bounced ${r.bounced}` : ''} lost ${r.lost}  (load ${r.load.toFixed(1)})`;

const dir = mkdtempSync(join(tmpdir(), 'gauntlet-tsung-'));
const server = await startSeparateLab('prosody', users);
const results = { tsung: [], gauntlet: [], before: [], floor: [] };
try {
  writeFileSync(join(dir, 'users.csv'), Array.from({ length: users }, (_, i) => `user${i + 1};pass${i + 1}\n`).join(''));
  console.log(`workload ${args.workload}: ${users} users, Prosody ${server.lab.ports.c2s} in its own process, ${args.pairs} interleaved pairs`);
  for (let pair = 0; pair < Number(args.pairs); pair += 1) {
    const tools = ['tsung', 'gauntlet', ...(args.before ? ['before'] : []), ...(args.floor ? ['floor'] : [])];
    const order = pair % 2 === 0 ? tools : tools.reverse();
    for (const tool of order) {
      const result =
        tool === 'tsung' ? await runTsung(server.lab, dir, pair)
        : tool === 'floor' ? await runFloor(server.lab)
        : await runGauntlet(server.lab, dir, pair, tool === 'before' ? args.before : args.gauntlet);
      results[tool].push(result);
      console.log(`pair ${pair + 1} ${line(tool, result)}`);
    }
    const [t, g, b, f] = [results.tsung.at(-1), results.gauntlet.at(-1), results.before.at(-1), results.floor.at(-1)];
    const before = b ? `  (before: CPU ${(b.cpuS / t.cpuS).toFixed(2)}, peak RSS ${(b.rssMiB / t.rssMiB).toFixed(2)})` : '';
    const floor = f ? `  (floor: CPU ${(f.cpuS / t.cpuS).toFixed(2)}, peak RSS ${(f.rssMiB / t.rssMiB).toFixed(2)})` : '';
    console.log(`pair ${pair + 1} ratio     CPU ${(g.cpuS / t.cpuS).toFixed(2)}  peak RSS ${(g.rssMiB / t.rssMiB).toFixed(2)}${before}${floor}`);
  }
  const ratios = (field, tool = 'gauntlet') => results[tool].map((g, i) => g[field] / results.tsung[i][field]);
  if (args.before) {
    console.log(`before    CPU ratio ${median(ratios('cpuS', 'before')).toFixed(2)}, peak RSS ratio ${median(ratios('rssMiB', 'before')).toFixed(2)} (medians; ${median(results.before.map((r) => r.cpuS)).toFixed(1)} CPU-s, ${median(results.before.map((r) => r.rssMiB)).toFixed(0)} MiB)`);
  }
  if (args.floor) {
    console.log(`floor     CPU ratio ${median(ratios('cpuS', 'floor')).toFixed(2)}, peak RSS ratio ${median(ratios('rssMiB', 'floor')).toFixed(2)} (medians; ${median(results.floor.map((r) => r.cpuS)).toFixed(1)} CPU-s, ${median(results.floor.map((r) => r.rssMiB)).toFixed(0)} MiB; per pair CPU ${ratios('cpuS', 'floor').map((r) => r.toFixed(2)).join(' ')})`);
  }
  console.log(`median    CPU gauntlet ${median(results.gauntlet.map((r) => r.cpuS)).toFixed(1)} s vs Tsung ${median(results.tsung.map((r) => r.cpuS)).toFixed(1)} s, ratio ${median(ratios('cpuS')).toFixed(2)} (per pair ${ratios('cpuS').map((r) => r.toFixed(2)).join(' ')})`);
  console.log(`median    peak RSS gauntlet ${median(results.gauntlet.map((r) => r.rssMiB)).toFixed(0)} MiB vs Tsung ${median(results.tsung.map((r) => r.rssMiB)).toFixed(0)} MiB, ratio ${median(ratios('rssMiB')).toFixed(2)} (per pair ${ratios('rssMiB').map((r) => r.toFixed(2)).join(' ')})`);
  console.log(`load avg  ${results.tsung.concat(results.gauntlet, results.before, results.floor).map((r) => r.load.toFixed(1)).join(' ')} (1-minute, at the start or end of each run, whichever is higher; ${cpus().length} cores)`);
} finally {
  await server.stop();
}
