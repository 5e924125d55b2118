// WebSocket (RFC 7395) and BOSH (XEP-0206) clients from src/xmpp: how many one process holds
// and what each costs in memory, then how fast they go (iq pings from every client for a few
// seconds: pings/s, and for BOSH the HTTP requests/s it took). Lab server in-process (its own
// OS process; the RSS printed is this process's alone).
// Usage: npm run build && node --expose-gc bench/http-transports.mjs [prosody|ejabberd] [clients] [seconds]
import { readFileSync } from 'node:fs';
import { startLab } from '../dist/lab/index.js';
import { openSession } from '../dist/xmpp/index.js';

const kind = process.argv[2] ?? 'prosody';
const clients = Number(process.argv[3] ?? 200);
const seconds = Number(process.argv[4] ?? 5);
const lab = await startLab(kind);
const ca = readFileSync(lab.caFile, 'utf8');
const domain = lab.domains[0];
const accounts = await lab.createAccounts(Array.from({ length: clients }, (_, i) => ({ username: `b${i}`, password: `pw${i}` })));
const memory = () => {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);

async function measure(transport) {
  let requests = 0;
  const url = transport === 'websocket' ? lab.http.websocket : lab.http.bosh;
  const options = { domain, host: lab.host, tls: 'direct', ca, transport, url, timeoutMs: 30_000, onBoshRoundTrip: () => requests++ };
  const before = memory();
  const started = performance.now();
  const sessions = [];
  for (let i = 0; i < clients; i += 20) {
    const batch = accounts.slice(i, i + 20).map((a) => openSession({ ...options, username: a.username, password: a.password }));
    sessions.push(...(await Promise.all(batch)));
  }
  const loginSeconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const held = memory();
  requests = 0;
  let pings = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    sessions.map(async (session) => {
      while (performance.now() < until) {
        await session.iq(`<iq type='get' to='${domain}'><ping xmlns='urn:xmpp:ping'/></iq>`);
        pings++;
      }
    }),
  );
  const elapsed = seconds + (performance.now() - until) / 1000;
  await Promise.all(sessions.map((session) => session.close().catch(() => undefined)));
  console.log(`${transport.padEnd(9)} clients held ${sessions.length} (logged in in ${loginSeconds.toFixed(1)} s)`);
  console.log(`${''.padEnd(9)} RSS ${mib(before.rss)} -> ${mib(held.rss)} MiB: ${((held.rss - before.rss) / sessions.length / 1024).toFixed(0)} KiB per client; JS heap ${((held.heapUsed - before.heapUsed) / sessions.length / 1024).toFixed(1)} KiB per client`);
  console.log(`${''.padEnd(9)} pings ${(pings / elapsed).toFixed(0)}/s over ${elapsed.toFixed(1)} s${transport === 'bosh' ? `, BOSH requests ${(requests / elapsed).toFixed(0)}/s` : ''}`);
}

console.log(`${lab.kind} ${lab.version}, ${clients} clients per transport, ${seconds} s of pings`);
try {
  await measure('websocket');
  await measure('bosh');
} finally {
  await lab.stop();
}
