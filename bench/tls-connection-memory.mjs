// What one idle TLS connection costs a Node.js process, with no XMPP code of ours involved: opens
// N STARTTLS streams to a lab Prosody (in its own process) with bare node:net / node:tls, and
// prints the RSS per connection. This is the floor under `gauntlet`'s own per-client memory.
// Usage: npm run build && node --expose-gc bench/tls-connection-memory.mjs [N]
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { startSeparateLab } from './lib/separate-lab.mjs';

const count = Number(process.argv[2] ?? 2000);
const server = await startSeparateLab('prosody', 0);
const { lab } = server;
const domain = lab.domains[0];
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

async function openStarttls() {
  const tcp = net.connect(lab.ports.c2s, lab.host);
  await new Promise((resolve) => tcp.once('connect', resolve));
  tcp.setEncoding('utf8');
  tcp.write(header);
  await until(tcp, /<\/stream:features>/);
  tcp.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await until(tcp, /<proceed/);
  const secure = tls.connect({ socket: tcp, servername: domain, secureContext });
  await new Promise((resolve) => secure.once('secureConnect', resolve));
  secure.setEncoding('utf8');
  secure.write(header);
  await until(secure, /<\/stream:features>/);
  return secure;
}

const rss = () => {
  globalThis.gc?.();
  return process.memoryUsage().rss;
};
const before = rss();
const sockets = [];
for (let i = 0; i < count; i += 20) sockets.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, openStarttls))));
await new Promise((resolve) => setTimeout(resolve, 1000));
const after = rss();
console.log(`idle STARTTLS connections  ${sockets.length}`);
console.log(`process RSS               ${(before / 2 ** 20).toFixed(0)} MiB before, ${(after / 2 ** 20).toFixed(0)} MiB after`);
console.log(`per connection            ${((after - before) / sockets.length / 1024).toFixed(1)} KiB`);
sockets.forEach((socket) => socket.destroy());
await server.stop();
