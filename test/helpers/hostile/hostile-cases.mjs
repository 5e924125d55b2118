// The FAKE HOSTILE SERVER's cases: each misbehaves in one way and says what the tool is expected
// to do about it: `reason` (matched against result.json's check reasons and run errors), `checks`
// (the areas whose checks meet the misbehaviour; default 'stream') and `exit` (of `check`, or the
// allowed ones; default 1, since the broken stream fails checks). See fake-hostile-server.mjs for the helpers.
const NS_STREAMS = 'urn:ietf:params:xml:ns:xmpp-streams';
const MB = 1024 * 1024;
const ANSI = '\u001b[2J\u001b[31mPWNED\u001b]0;title\u0007';

const streamError = (condition, text = '') =>
  `<stream:error><${condition} xmlns='${NS_STREAMS}'/>${text}</stream:error>`;

export const HOSTILE_CASES = {
  'header-attributes-forever': {
    what: 'a stream header whose attributes never end',
    reason: /without completing its stream header; limit/,
    async act(c) {
      await c.expect(/<stream:stream[^>]*>/);
      await c.pump(1024 * MB, (i) => ` a${i}='${'x'.repeat(64)}'`, `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'`);
    },
  },
  'huge-stanza': {
    what: 'one 100 MB stanza',
    reason: /stanza of more than .*limit 256 KB|text in one element; limit/,
    async act(c) {
      await c.until('header');
      await c.pump(100 * MB, () => 'A'.repeat(65536), `<message from='x@y'><body>`, `</body></message>`);
    },
  },
  'deep-nesting': {
    what: '1,000,000 nested elements',
    reason: /nested elements deeper than 64 levels/,
    async act(c) {
      await c.until('header');
      await c.pump(1_000_000 * 3, () => '<a>'.repeat(10_000));
    },
  },
  'many-features': {
    what: '100,000 stream features',
    reason: /more than 64 stream features/,
    async act(c) {
      await c.until('header');
      await c.pump(100_000 * 20, (i) => `<f${i} xmlns='x:${i}'/>`.padEnd(20), '<stream:features>', '</stream:features>');
    },
  },
  'huge-error-text': {
    what: 'a stream error with 10 MB of text',
    reason: /limit/,
    async act(c) {
      await c.until('header');
      await c.pump(10 * MB, () => 'E'.repeat(65536), `<stream:error><undefined-condition xmlns='${NS_STREAMS}'/><text xmlns='${NS_STREAMS}'>`, '</text></stream:error>');
    },
  },
  'undefined-entity': {
    what: '&foo; (an undefined entity) in a stanza',
    reason: /not well-formed/,
    async act(c) {
      await c.until('header');
      c.send(`<message><body>&foo;</body></message>`);
      await c.expect(/(?!)/, 20_000);
    },
  },
  'nul-character': {
    what: '&#0; (an illegal character reference)',
    reason: /not well-formed/,
    async act(c) {
      await c.until('header');
      c.send(`<message><body>&#0;</body></message>`);
      await c.expect(/(?!)/, 20_000);
    },
  },
  'see-other-host-empty': {
    what: '<see-other-host/> with no host',
    reason: /see-other-host/,
    async act(c) {
      await c.until('header');
      c.send(`${streamError('see-other-host')}</stream:stream>`);
    },
  },
  silent: {
    exit: 3,
    what: 'accepts the connection and never speaks',
    reason: /timed out/,
    async act(c) {
      await c.expect(/(?!)/, 120_000);
    },
  },
  slowloris: {
    exit: 3,
    what: 'the stream header one byte per 5 s',
    reason: /timed out/,
    async act(c) {
      await c.expect(/<stream:stream[^>]*>/);
      for (const char of c.header()) {
        if (c.closed) return;
        c.send(char);
        await c.sleep(5000);
      }
    },
  },
  'scram-iterations': {
    checks: 'sasl',
    what: 'SCRAM with 2,000,000,000 iterations',
    reason: /SCRAM iterations; limit 1000000/,
    async act(c) {
      await c.until('sasl', { mechanisms: ['SCRAM-SHA-1'] });
      const [, first] = await c.expect(/<auth[^>]*>([^<]*)<\/auth>/);
      const nonce = /r=([^,]+)/.exec(Buffer.from(first, 'base64').toString())?.[1] ?? '';
      const challenge = Buffer.from(`r=${nonce}fake,s=${Buffer.from('salt').toString('base64')},i=2000000000`).toString('base64');
      c.send(`<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${challenge}</challenge>`);
      await c.expect(/(?!)/, 60_000);
    },
  },
  'ansi-stream-error': {
    what: 'ANSI escapes in a stream error text',
    reason: /conflict: \u001b\[2J.*PWNED/,
    ansi: true,
    async act(c) {
      await c.until('header');
      c.send(`${streamError('conflict', `<text xmlns='${NS_STREAMS}'>${ANSI}</text>`)}</stream:stream>`);
    },
  },
  'ansi-sasl-failure': {
    checks: 'sasl',
    what: 'ANSI escapes in a SASL failure text',
    reason: /not-authorized|\\x1b/,
    ansi: true,
    async act(c) {
      await c.until('sasl');
      for (;;) {
        await c.expect(/<auth[^>]*>[^<]*<\/auth>/, 60_000);
        c.send(`<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/><text>${ANSI}</text></failure>`);
      }
    },
  },
  'ansi-iq-error': {
    checks: 'iq',
    what: 'ANSI escapes in every IQ error text',
    reason: /bad-request.*\u001b\[2J.*PWNED/,
    ansi: true,
    async act(c, server) {
      await c.until('bound');
      await c.bindAs(`alice@${server.domain}/fake`);
      await c.serveIqs((id) => `<iq type='error' id='${id}'><error type='cancel'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>${ANSI}</text></error></iq>`);
    },
  },
  'bind-other-jid': {
    checks: 'bind',
    what: 'bind returns the JID of another account',
    reason: /bound "?mallory@.*(not a JID of the account|which is not)/,
    async act(c, server) {
      await c.until('bound');
      await c.bindAs(`mallory@${server.domain}/fake`);
      await c.serveIqs();
    },
  },
  'bind-invalid-jid': {
    checks: 'bind',
    what: 'bind returns an invalid JID',
    reason: /bound (the invalid JID )?"?@@@/,
    async act(c) {
      await c.until('bound');
      await c.bindAs('@@@');
      await c.serveIqs();
    },
  },
  'huge-roster': {
    checks: 'roster',
    what: 'a roster of 1,000,000 items',
    reason: /more than|limit/,
    async act(c, server) {
      await c.until('bound');
      await c.bindAs(`alice@${server.domain}/fake`);
      const [, id] = await c.expect(/<iq[^>]*id=['"]([^'"]+)['"][^>]*>\s*<query xmlns=['"]jabber:iq:roster/);
      await c.pump(1_000_000 * 48, (i) => `<item jid='u${i}@x' subscription='both'/>`.padEnd(48), `<iq type='result' id='${id}'><query xmlns='jabber:iq:roster'>`, '</query></iq>');
    },
  },
  'whitespace-flood': {
    what: '40 MB of whitespace between stanzas',
    reason: /whitespace between stanzas; limit/,
    async act(c) {
      await c.until('header');
      await c.pump(40 * MB, () => ' '.repeat(65536));
    },
  },
  'accept-once': {
    // 3: most checks could not run. Whichever check got the one silent connection may also
    // conclude a MUST was broken (1, a failed MUST wins); never 0.
    exit: [3, 1],
    what: 'accepts one connection (and says nothing on it), then refuses every other',
    acceptOnce: true,
    reason: /refused|ECONNREFUSED/,
    async act(c) {
      await c.expect(/(?!)/, 120_000);
    },
  },
  doctype: {
    what: 'a DOCTYPE before the stream header',
    reason: /DTD/,
    async act(c) {
      await c.expect(/<stream:stream[^>]*>/);
      c.send(`<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x 'y'>]>${c.header()}`);
      await c.expect(/(?!)/, 20_000);
    },
  },
  'http-server': {
    what: 'an HTTP server on the XMPP port',
    reason: /not well-formed|no stream header|stream header|timed out|closed/,
    async act(c) {
      await c.expect(/</);
      c.send('HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><h1>400 Bad Request</h1></body></html>');
      c.socket.end();
    },
  },
  'half-open': {
    what: 'sends its header and features, then neither reads nor writes nor closes',
    reason: /timed out/,
    async act(c) {
      await c.until('header');
      c.send(`<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`);
      c.socket.pause();
      await c.expect(/(?!)/, 120_000);
    },
  },
  'tls-renegotiation-loop': {
    what: 'TLS 1.2 only, then asks for renegotiation again and again',
    reason: /timed out/,
    checks: 'tls',
    // The checks that need the stream time out (error); whether they are most of the run depends on timing.
    exit: [0, 3],
    async act(c) {
      await c.openStream();
      c.send(`<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`);
      await c.startTls({ maxVersion: 'TLSv1.2' });
      await new Promise((resolve) => c.socket.once('secure', resolve));
      for (let i = 0; i < 100_000 && !c.closed; i++) {
        const ok = await new Promise((resolve) => c.socket.renegotiate({ rejectUnauthorized: false }, (error) => resolve(!error)));
        if (!ok) await c.sleep(10);
      }
    },
  },
  'flood-after-login': {
    checks: 'sasl',
    what: 'a flood of messages once logged in',
    reason: /./,
    async act(c, server) {
      await c.until('bound');
      await c.bindAs(`alice@${server.domain}/fake`);
      c.serveIqs().catch(() => undefined);
      await c.pump(200 * MB, (i) => `<message from='flood@${server.domain}/x' type='chat' id='f${i}'><body>${'flood '.repeat(20)}</body></message>`);
    },
  },
};
