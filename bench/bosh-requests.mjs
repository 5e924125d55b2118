// Raw BOSH request rate from one process: the bosh checks' own client (BoshProbe, exact <body/>
// texts, one connection pool per session) polling lab Prosody with empty requests in polling
// sessions (wait='0', so every request is answered at once). Prints requests/s, the round trip
// (p50, p99), this process's CPU per request and Prosody's CPU (its own OS process, from /proc),
// so it shows which side runs out first.
// Prosody 0.12 lets polls come as fast as they like (the polling-interval check warns about it);
// ejabberd ends such a session with policy-violation, so this bench is for Prosody.
// Usage: npm run build && node bench/bosh-requests.mjs [sessions] [seconds]
import { readFileSync } from 'node:fs';
import { startLab } from '../dist/lab/index.js';
import { BoshProbe } from '../dist/xmpp/index.js';
import { BoshDriver, isTerminal } from '../dist/checks/bosh/support.js';

const sessions = Number(process.argv[2] ?? 20);
const seconds = Number(process.argv[3] ?? 5);
const lab = await startLab('prosody');
const ca = readFileSync(lab.caFile, 'utf8');
const domain = lab.domains[0];

async function poller(until, rtts) {
  const probe = new BoshProbe({ url: lab.http.bosh, ca, host: lab.host, timeoutMs: 10_000 });
  const driver = new BoshDriver(probe, domain);
  try {
    await driver.create({ wait: '0', hold: '0' });
    while (performance.now() < until) {
      const sent = performance.now();
      const reply = await driver.send();
      rtts.push(performance.now() - sent);
      if (isTerminal(reply)) throw new Error(`the session ended: HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
    }
    await driver.terminate();
  } finally {
    await probe.close();
  }
}

/** CPU seconds (user + system) the lab server has used so far. */
function serverCpuSeconds() {
  const fields = readFileSync(`/proc/${lab.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

try {
  console.log(`${lab.kind} ${lab.version}: ${sessions} polling sessions for ${seconds} s, one process`);
  const rtts = [];
  const cpu = process.cpuUsage();
  const serverCpu = serverCpuSeconds();
  const started = performance.now();
  await Promise.all(Array.from({ length: sessions }, () => poller(started + seconds * 1000, rtts)));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const serverUsed = serverCpuSeconds() - serverCpu;
  const sorted = rtts.sort((a, b) => a - b);
  console.log(`requests     ${rtts.length} in ${elapsed.toFixed(1)} s: ${(rtts.length / elapsed).toFixed(0)}/s`);
  console.log(`round trip   p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms`);
  console.log(`server CPU   ${((serverUsed * 1000) / rtts.length).toFixed(2)} ms per request (${((serverUsed / elapsed) * 100).toFixed(0)}% of a core)`);
  console.log(`client CPU   ${((used.user + used.system) / 1000 / rtts.length).toFixed(2)} ms per request (${(((used.user + used.system) / 1e6 / elapsed) * 100).toFixed(0)}% of a core)`);
} finally {
  await lab.stop();
}
