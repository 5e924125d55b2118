// A minimal XMPP client on bare node:net / node:tls for the benches' floors: hand-written
// STARTTLS, SASL PLAIN and bind, patterns found with regular expressions, no XML parser. What
// it costs is what Node.js, OpenSSL and the kernel cost, with no tool of ours in between.
import net from 'node:net';
import tls from 'node:tls';

/** Reads the socket until `pattern` shows up in what arrived since the last match. */
export function reader(socket) {
  let text = '';
  let wake;
  socket.on('data', (chunk) => {
    text += chunk;
    wake?.();
  });
  return async (pattern) => {
    for (;;) {
      const match = pattern.exec(text);
      if (match) {
        text = text.slice(match.index + match[0].length);
        return match;
      }
      await new Promise((resolve) => (wake = resolve));
    }
  };
}

/**
 * Logs `username` in (STARTTLS, PLAIN, bind) to `server` = { host, port, domain } with the TLS
 * options `trust` ({ ca } or { secureContext }, and maxSendFragment: the largest record it
 * sends, as the tool sets it), sends initial presence, fetches the roster and
 * returns the TLS socket with no data listener left, and the bound JID.
 */
export async function rawLogin(server, trust, username, password) {
  const { host, port, domain } = server;
  const header = `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
  const tcp = net.connect({ port, host, noDelay: true });
  await new Promise((resolve, reject) => tcp.once('connect', resolve).once('error', reject));
  tcp.setEncoding('utf8');
  let read = reader(tcp);
  tcp.write(header);
  await read(/<\/stream:features>/);
  tcp.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await read(/<proceed[^>]*>/);
  tcp.removeAllListeners('data');
  const { maxSendFragment, ...options } = trust;
  const secure = tls.connect({ socket: tcp, servername: domain, ...options });
  if (maxSendFragment) secure.setMaxSendFragment(maxSendFragment);
  await new Promise((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
  secure.setEncoding('utf8');
  read = reader(secure);
  secure.write(header);
  await read(/<\/stream:features>/);
  secure.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0${username}\0${password}`).toString('base64')}</auth>`);
  await read(/<success[^>]*(\/>|<\/success>)/);
  secure.write(header);
  await read(/<\/stream:features>/);
  secure.write("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
  const [, jid] = await read(/<jid>([^<]+)<\/jid>/);
  secure.write('<presence/>');
  secure.write("<iq type='get' id='r'><query xmlns='jabber:iq:roster'/></iq>");
  await read(/<iq[^>]*id=['"]r['"][^>]*>/);
  secure.removeAllListeners('data');
  return { socket: secure, jid };
}
