import t from 'tap';
import { explainPreflightFailure } from '../../../src/engine/preflight.js';
import { XmppAuthError, XmppConnectError, XmppStreamError, XmppTimeoutError } from '../../../src/xmpp/index.js';
import type { ConnectionTarget, VirtualUser } from '../../../src/steps/types.js';

const target = (tls: ConnectionTarget['tls']): ConnectionTarget => ({ domain: 'example.org', host: 'xmpp.example.org', port: 5222, tls, allowCleartextAuth: false });
const user: VirtualUser = { n: 1, username: 'load1', password: 'pw', domain: 'example.org', jid: 'load1@example.org' };

t.test('a refused login is an auth error (exit 6) with the likely causes', async (t) => {
  const error = explainPreflightFailure(new XmppAuthError('not-authorized', undefined, { origin: 'server' }), target('starttls'), user);
  t.match(error, { code: 'auth', message: /pre-flight login of load1@example\.org at xmpp\.example\.org:5222 failed: authentication refused \(not-authorized\)/ });
  t.match(error.hint, /wrong password or user name\? wrong domain in the JID \(example\.org\)\?/);
  t.match(explainPreflightFailure(new XmppStreamError('host-unknown'), target('starttls'), user), { code: 'auth', hint: /wrong domain in the JID\?/ });
});

t.test('TLS and network failures are unreachable (exit 3) with a hint for each', async (t) => {
  const untrusted = explainPreflightFailure(new XmppConnectError('tls-untrusted', 'TLS: self-signed certificate'), target('starttls'), user);
  t.match(untrusted, { code: 'unreachable', hint: /^set target\.ca/ });
  const openssl = new XmppConnectError('tls-handshake', 'TLS with example.org: 800C22CDEE7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:');
  const direct = explainPreflightFailure(openssl, target('direct'), user);
  t.match(direct.message, /failed: TLS with example\.org: wrong version number$/, 'no bare OpenSSL string');
  t.match(direct.hint, /tls: direct on a STARTTLS port\?/);
  t.match(explainPreflightFailure(new XmppConnectError('closed', 'closed'), target('starttls'), user).hint, /tls: starttls on a direct TLS port\?/);
  t.match(explainPreflightFailure(new XmppConnectError('refused', 'ECONNREFUSED'), target('starttls'), user).hint, /nothing listens there/);
  t.match(explainPreflightFailure(new XmppTimeoutError('the stream header', 10_000), target('direct'), user), { code: 'unreachable', hint: /tls: direct on a STARTTLS port\?/ });
});
