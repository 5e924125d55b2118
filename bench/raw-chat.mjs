// The chat workload of tsung-compare.mjs (scenarios/chat-500.yaml) through the minimal bare
// node:tls client of lib/raw-xmpp.mjs: users arrive at `--rate`/s, log in (STARTTLS, PLAIN,
// bind), send presence, fetch the roster, send `--chats` stamped 64-byte chats at 1/s each to
// random online users, and close once every message has arrived (or 10 s after the last one was
// sent). Arrivals are counted by their closing tag. Prints one JSON line: logins, sent, delivered.
// What this process costs is the floor under any Node.js tool running the same workload.
// Usage: node bench/raw-chat.mjs --host H --port P --domain D --ca FILE [--users 500] [--chats 60] [--rate 50]
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { parseArgs } from 'node:util';
import { rawLogin } from './lib/raw-xmpp.mjs';

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    domain: { type: 'string' },
    ca: { type: 'string' },
    users: { type: 'string', default: '500' },
    chats: { type: 'string', default: '60' },
    rate: { type: 'string', default: '50' },
  },
});
const server = { host: args.host, port: Number(args.port), domain: args.domain };
const trust = { secureContext: tls.createSecureContext({ ca: readFileSync(args.ca) }) };
const users = Number(args.users);
const chats = Number(args.chats);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const online = [];
const sockets = [];
let logins = 0;
let sent = 0;
let delivered = 0;

function countArrivals(socket) {
  let tail = '';
  socket.on('data', (chunk) => {
    const text = tail + chunk;
    for (let at = text.indexOf('</message>'); at >= 0; at = text.indexOf('</message>', at + 10)) delivered += 1;
    tail = text.slice(-9);
  });
}

async function user(n) {
  const { socket, jid } = await rawLogin(server, trust, `user${n}`, `pass${n}`);
  logins += 1;
  sockets.push(socket);
  countArrivals(socket);
  online.push(jid);
  const padding = 'x'.repeat(48);
  for (let i = 0; i < chats; i += 1) {
    let to = online[Math.floor(Math.random() * online.length)];
    if (to === jid && online.length > 1) to = online[(online.indexOf(jid) + 1) % online.length];
    socket.write(`<message to='${to}' type='chat' id='m${n}-${i}'><body>${Date.now()} ${padding}</body></message>`);
    sent += 1;
    await sleep(1000);
  }
}

const running = [];
for (let n = 1; n <= users; n += 1) {
  running.push(user(n).catch((error) => console.error(`user${n}: ${error.message}`)));
  await sleep(1000 / Number(args.rate));
}
await Promise.all(running);
for (let waited = 0; delivered < sent && waited < 10_000; waited += 100) await sleep(100);
for (const socket of sockets) socket.end('</stream:stream>');
console.log(JSON.stringify({ logins, sent, delivered }));
setTimeout(() => process.exit(0), 2000).unref();
