// FAKE HOSTILE SERVER. A hand-written XMPP "server" on loopback that misbehaves on purpose, one
// named case at a time: the behaviour no real server shows (issue 13's corpus). Plain JavaScript
// so both the tests (TypeScript) and bench/hostile-corpus.mjs can load it. It speaks just enough
// XMPP (STARTTLS, PLAIN, bind, empty IQ results) to reach the point where a case misbehaves.
import net from 'node:net';
import tls from 'node:tls';
import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { HOSTILE_CASES } from './hostile-cases.mjs';

export { HOSTILE_CASES };

/** The password of the one account the CLI is given (alice@<domain>). */
export const HOSTILE_PASSWORD = 'not-a-real-password';

/** One client connection: buffered reads by pattern, writes that respect backpressure. */
export class FakeConnection {
  constructor(socket, server) {
    this.server = server;
    this.unread = '';
    this.closed = false;
    this.wakers = [];
    this.#use(socket);
  }

  #use(socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      // Keep only a bounded tail: a fake server must not bloat either.
      this.unread = (this.unread + chunk).slice(-65536);
      this.#wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.#wake();
    });
    socket.on('error', () => undefined);
  }

  #wake() {
    for (const wake of this.wakers.splice(0)) wake();
  }

  /** Waits for the client to send something matching `pattern` (consumed). */
  async expect(pattern, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.unread);
      if (match) {
        this.unread = this.unread.slice(match.index + match[0].length);
        return match;
      }
      if (this.closed || Date.now() > deadline) throw new Error(`client gone before ${pattern}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.wakers.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  send(text) {
    if (!this.socket.destroyed) this.socket.write(text);
  }

  /** Writes `total` characters made by `piece(i)`, waiting for drain; stops when the client goes. */
  async pump(total, piece, prefix = '', suffix = '') {
    this.send(prefix);
    let sent = 0;
    for (let i = 0; sent < total && !this.closed; i++) {
      const chunk = piece(i);
      sent += chunk.length;
      if (!this.socket.write(chunk)) await this.#drained();
    }
    this.send(suffix);
  }

  #drained() {
    const socket = this.socket;
    return new Promise((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
  }

  async sleep(ms) {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Answers STARTTLS and continues over TLS with the server's certificate. */
  async startTls(tlsOptions = {}) {
    await this.expect(/<starttls[^>]*>/);
    this.send(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secure = new tls.TLSSocket(plain, { isServer: true, cert: this.server.certPem, key: this.server.keyPem, ...tlsOptions });
    this.unread = '';
    this.#use(secure);
  }

  header(id = `fake-hostile-${randomBytes(6).toString('hex')}`) {
    return `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='${id}' from='${this.server.domain}' version='1.0' xml:lang='en'>`;
  }

  /** Reads the client's stream header and sends ours (features follow from the caller). */
  async openStream() {
    await this.expect(/<stream:stream[^>]*>/);
    this.send(this.header());
  }

  /**
   * Behaves like a plain server up to `stage`: 'header' (header sent, no features), 'tls'
   * (after STARTTLS, before SASL features), 'sasl' (SASL mechanisms offered), 'bound' (logged in).
   */
  async until(stage, { mechanisms = ['SCRAM-SHA-1', 'PLAIN'] } = {}) {
    await this.openStream();
    if (stage === 'header') return;
    this.send(`<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`);
    await this.startTls();
    await this.openStream();
    if (stage === 'tls') return;
    const offered = mechanisms.map((name) => `<mechanism>${name}</mechanism>`).join('');
    this.send(`<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${offered}</mechanisms></stream:features>`);
    if (stage === 'sasl') return;
    const [, mechanism, payload] = await this.expect(/<auth[^>]*mechanism=['"]([^'"]+)['"][^>]*>([^<]*)<\/auth>/);
    if (mechanism === 'SCRAM-SHA-1') await this.#scram(Buffer.from(payload, 'base64').toString());
    else this.send(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`);
    await this.openStream();
    this.send(`<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>`);
  }

  /** RFC 5802 server side with the one password every case accepts (the proof is not checked). */
  async #scram(clientFirst) {
    const bare = clientFirst.replace(/^[^,]*,[^,]*,/, '');
    const nonce = `${/r=([^,]+)/.exec(bare)[1]}${randomBytes(8).toString('hex')}`;
    const salt = randomBytes(16);
    const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=4096`;
    this.send(`<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(serverFirst).toString('base64')}</challenge>`);
    const [, response] = await this.expect(/<response[^>]*>([^<]*)<\/response>/);
    const clientFinal = Buffer.from(response, 'base64').toString();
    const authMessage = `${bare},${serverFirst},${clientFinal.replace(/,p=[^,]*$/, '')}`;
    const salted = pbkdf2Sync(HOSTILE_PASSWORD, salt, 4096, 20, 'sha1');
    const serverKey = createHmac('sha1', salted).update('Server Key').digest();
    const signature = createHmac('sha1', serverKey).update(authMessage).digest('base64');
    this.send(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(`v=${signature}`).toString('base64')}</success>`);
  }

  /** Waits for the bind request and answers with `jid`. */
  async bindAs(jid) {
    const [, id] = await this.expect(/<iq[^>]*id=['"]([^'"]+)['"][^>]*>\s*<bind/);
    this.send(`<iq type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>${jid}</jid></bind></iq>`);
  }

  /** Logged in as the given user: answers every IQ with an empty result until the client leaves. */
  async serveIqs(answer = (id) => `<iq type='result' id='${id}'/>`) {
    for (;;) {
      const [tag, id] = await this.expect(/<iq[^>]*id=['"]([^'"]+)['"][^>]*>/, 120_000);
      this.send(answer(id, tag));
    }
  }

  destroy() {
    this.socket.destroy();
  }
}

/**
 * Starts the named case on a loopback port. `certificate` is a {certPem, keyPem} for `domain`
 * signed by a CA the client is told to trust.
 */
export async function startFakeHostileServer(name, { certPem, keyPem, domain }) {
  const hostile = HOSTILE_CASES[name];
  if (!hostile) throw new Error(`no such fake hostile server case: ${name}`);
  const sockets = new Set();
  const context = { certPem, keyPem, domain, connections: 0 };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    context.connections++;
    const connection = new FakeConnection(socket, context);
    hostile
      .act(connection, context)
      .catch(() => undefined)
      .finally(() => connection.destroy());
    if (hostile.acceptOnce) server.close();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
