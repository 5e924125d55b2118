// What one idle TLS connection costs a Node.js process, with no XMPP code of ours involved: opens
// N STARTTLS streams to a lab Prosody (in its own process) with bare node:net / node:tls, and
// prints the RSS per connection. This is the floor under `gauntlet`'s own per-client memory.
// --login: each connection also logs in (PLAIN, bind), sends presence and fetches the roster, as
// a held session does (lib/raw-xmpp.mjs); --max-send-fragment: the record size the tool sets;
// --stock: each session is a stock @xmpp/client logged in (SCRAM, bind): the XMPP library's own
// floor (a child process trusts the lab CA through NODE_EXTRA_CA_CERTS, as the stock client has
// no CA option).
// Usage: npm run build && node --expose-gc bench/tls-connection-memory.mjs [N] [--login | --stock] [--max-send-fragment 4096]
import net from 'node:net';
import tls from 'node:tls';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { rawLogin } from './lib/raw-xmpp.mjs';
import { startSeparateLab } from './lib/separate-lab.mjs';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { login: { type: 'boolean', default: false }, stock: { type: 'boolean', default: false }, 'stock-child': { type: 'boolean', default: false }, 'max-send-fragment': { type: 'string' } } });
const count = Number(positionals[0] ?? 2000);
const maxSendFragment = Number(args['max-send-fragment'] ?? 0);
const rss = () => {
  globalThis.gc?.();
  return process.memoryUsage().rss;
};

function report(label, sessions, before, after) {
  console.log(`${label}  ${sessions}${args['max-send-fragment'] ? ` (records ≤ ${args['max-send-fragment']} bytes)` : ''}`);
  console.log(`process RSS               ${(before / 2 ** 20).toFixed(0)} MiB before, ${(after / 2 ** 20).toFixed(0)} MiB after`);
  console.log(`per connection            ${((after - before) / sessions / 1024).toFixed(1)} KiB`);
}

/** Child of --stock: N stock @xmpp/client sessions against the lab given in the environment. */
async function stockSessions({ host, port, domain }) {
  const { client } = await import('@xmpp/client');
  const clients = [];
  const open = async (n) => {
    const xmpp = client({ service: `xmpp://${host}:${port}`, domain, username: `user${n}`, password: `pass${n}` });
    xmpp.reconnect.stop();
    xmpp.on('error', () => {});
    await xmpp.start();
    // xmpp.js wraps the TLS socket it upgraded to in its own emitter.
    if (maxSendFragment) xmpp.socket.socket.setMaxSendFragment(maxSendFragment);
    clients.push(xmpp);
  };
  // The first 20 load and compile the library: they are not counted.
  const warm = 20;
  await Promise.all(Array.from({ length: warm }, (_, k) => open(k + 1)));
  const before = rss();
  for (let i = warm; i < count; i += 20) await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, k) => open(i + k + 1)));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  report('stock @xmpp/client sessions (SCRAM-SHA-1 in JavaScript: slow)', clients.length - warm, before, rss());
  clients.forEach((xmpp) => xmpp.socket?.socket?.destroy());
}

if (args['stock-child']) {
  await stockSessions(JSON.parse(process.env.BENCH_TARGET));
  process.exit(0);
}
const server = await startSeparateLab('prosody', args.login || args.stock ? count : 0);
const { lab } = server;
const domain = lab.domains[0];
if (args.stock) {
  const child = spawn(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, String(count), '--stock-child', ...(maxSendFragment ? ['--max-send-fragment', String(maxSendFragment)] : [])], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caFile, BENCH_TARGET: JSON.stringify({ host: lab.host, port: lab.ports.c2s, domain }) },
    stdio: 'inherit',
  });
  await new Promise((resolve) => child.on('exit', resolve));
  await server.stop();
  process.exit(0);
}
const secureContext = tls.createSecureContext({ ca: readFileSync(lab.caFile) });
const header = `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;

function until(socket, pattern) {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      if (!pattern.test(text)) return;
      socket.off('data', onData);
      resolve(text);
    };
    socket.on('data', onData);
  });
}

async function openStarttls(n) {
  if (args.login) {
    const { socket } = await rawLogin({ host: lab.host, port: lab.ports.c2s, domain }, { secureContext, maxSendFragment }, `user${n}`, `pass${n}`);
    return socket;
  }
  const tcp = net.connect(lab.ports.c2s, lab.host);
  await new Promise((resolve) => tcp.once('connect', resolve));
  tcp.setEncoding('utf8');
  tcp.write(header);
  await until(tcp, /<\/stream:features>/);
  tcp.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await until(tcp, /<proceed/);
  const secure = tls.connect({ socket: tcp, servername: domain, secureContext });
  if (maxSendFragment) secure.setMaxSendFragment(maxSendFragment);
  await new Promise((resolve) => secure.once('secureConnect', resolve));
  secure.setEncoding('utf8');
  secure.write(header);
  await until(secure, /<\/stream:features>/);
  return secure;
}

const before = rss();
const sockets = [];
for (let i = 0; i < count; i += 20) sockets.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, k) => openStarttls(i + k + 1)))));
await new Promise((resolve) => setTimeout(resolve, 1000));
const after = rss();
report(`idle STARTTLS ${args.login ? 'sessions' : 'connections'}`, sockets.length, before, after);
sockets.forEach((socket) => socket.destroy());
await server.stop();
