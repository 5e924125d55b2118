// Simulated federation against a lab Prosody, all from this one process (the lab DNS that points
// the peer domains at our listener lives here): how many peer domains and s2s streams we hold,
// how many messages per second go through s2s into Prosody and out to its local users, and the
// s2s → c2s latency at half that rate.
// Usage: npm run build && node bench/s2s-throughput.mjs [peers=50] [localUsers=20] [seconds=10]
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { labCa, labDns, startLab } from '../dist/lab/index.js';
import { PeerNetwork } from '../dist/s2s/index.js';
import { openSession, xml } from '../dist/xmpp/index.js';

const [peerCount = 50, localCount = 20, seconds = 10] = process.argv.slice(2).map(Number);
const IN_FLIGHT = 500;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const mib = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;

const lab = await startLab('prosody');
try {
  const [ca, dns, caPem] = await Promise.all([labCa(), labDns(), readFile(lab.caFile, 'utf8')]);
  const domains = Array.from({ length: peerCount }, (_, i) => `bench${i + 1}.gauntlet.example`);
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const peers = await PeerNetwork.start({ domains, target: { domains: lab.domains, s2s: { host: lab.host, port: lab.ports.s2s }, caPem }, issuer: ca, auth: 'dialback', dns });
  const accounts = await lab.createAccounts(Array.from({ length: localCount }, (_, i) => ({ username: `local${i}`, password: `pw-${i}` })));
  const sessions = await Promise.all(
    accounts.map((a) => openSession({ host: lab.host, port: lab.ports.c2s, domain: lab.domains[0], tls: 'starttls', ca: caPem, username: a.username, password: a.password, timeoutMs: 30_000 })),
  );
  await Promise.all(sessions.map((s) => s.send(xml('presence'))));

  // Every peer domain authenticates to Prosody (dialback), and Prosody to every peer (a message
  // from a local user to each peer makes it connect back; it picks EXTERNAL, which the listener
  // offers for its lab-CA certificate): two s2s streams per peer.
  const links = await Promise.all(domains.map((d) => peers.link(d, lab.domains[0])));
  const reached = new Set();
  const allReached = new Promise((resolve) => peers.on('stanza', (s) => s.name === 'message' && reached.add(s.attrs.to.split('@')[1]) && reached.size === peerCount && resolve()));
  domains.forEach((d, i) => sessions[i % localCount].send(xml('message', { to: `user1@${d}`, type: 'chat' }, xml('body', {}, 'hello'))));
  await allReached;
  const setupS = (performance.now() - started) / 1000;
  const authMs = links.map((l) => l.timings.authMs);
  console.log(`peer domains      ${peerCount}, set up in ${setupS.toFixed(1)} s (peers → Prosody by dialback, Prosody → peers by its choice); s2s_auth p50 ${percentile(authMs, 50).toFixed(0)} ms p99 ${percentile(authMs, 99).toFixed(0)} ms`);
  console.log(`s2s streams held  ${links.length} outbound + ${peers.listener.connections} inbound; RSS +${mib(process.memoryUsage().rss - rssBefore)} for peers and ${localCount} local sessions`);

  // Arrival time per message id at the local sessions.
  const arrivals = new Map();
  for (const session of sessions) session.on('stanza', (s) => s.name === 'message' && s.attrs.id?.startsWith('b') && arrivals.set(s.attrs.id, performance.now()));
  let seq = 0;
  const sendOne = () => {
    const n = seq++;
    const id = `b${n}`;
    const domain = domains[n % peerCount];
    links[n % peerCount].send(xml('message', { from: `user${(n % 5) + 1}@${domain}/b`, to: sessions[n % localCount].jid.toString(), type: 'chat', id }, xml('body', {}, 'x'.repeat(100))));
    return { id, sentAt: performance.now() };
  };

  // Saturation: keep IN_FLIGHT messages outstanding for `seconds`, count what arrives.
  const firstSat = seq;
  started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    while (seq - firstSat - arrivals.size < IN_FLIGHT) sendOne();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const satS = (performance.now() - started) / 1000;
  const saturation = arrivals.size / satS;
  console.log(`saturation        ${saturation.toFixed(0)} msgs/s through s2s into Prosody and out to local users (${arrivals.size} in ${satS.toFixed(1)} s, ${IN_FLIGHT} in flight)`);
  await new Promise((resolve) => setTimeout(resolve, 2000));

  // Half of saturation, paced evenly: e2e from send to arrival at the local session.
  const rate = saturation / 2;
  const paced = [];
  started = performance.now();
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    paced.push(sendOne());
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const latencies = paced.map((m) => (arrivals.get(m.id) ?? NaN) - m.sentAt).filter(Number.isFinite);
  console.log(`at 50% (${rate.toFixed(0)}/s)     ${latencies.length}/${paced.length} delivered; s2s→c2s e2e p50 ${percentile(latencies, 50).toFixed(2)} ms p99 ${percentile(latencies, 99).toFixed(2)} ms`);
  console.log(`process           RSS ${mib(process.memoryUsage().rss)}, heap ${mib(process.memoryUsage().heapUsed)}`);

  await Promise.all(sessions.map((s) => s.close(5000).catch(() => undefined)));
  await peers.close();
} finally {
  await lab.stop();
}
