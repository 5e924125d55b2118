/**
 * Blame: `error` is ours or the network's; what the server did during a check's set-up is the
 * server's fault, judged at the check's level. The roster fault comes from the FAKE in-memory
 * server (a server answering roster gets with an error); the others are the typed errors our
 * client throws when a real server does the same.
 */
import t from 'tap';
import { ServerFault, judgeThrown, serverFaultIn } from '../../../src/checks/blame.js';
import { registeredAccounts, runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import { checks as rosterChecks } from '../../../src/checks/roster/index.js';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { XmppAuthError, XmppConnectError, XmppStanzaError, XmppStreamError, XmppTimeoutError } from '../../../src/xmpp/index.js';
import { FakeWorld } from './presence-fake-server.js';
import { DOMAIN, startFakeXmppServer, type FakeQuirk } from './sasl-fake-server.js';
import { checkById } from './fake-world-proofs.js';
import { RawReader } from '../../../src/xmpp/raw-reader.js';

t.test('a roster get refused during set-up (fake server) is the server fault, at the check level', async (t) => {
  const check = checkById(rosterChecks, 'rfc6121.roster.push-on-set');
  const thrown = await check.run(new FakeWorld('roster-get-error').context()).then(
    () => undefined,
    (error: unknown) => error,
  );
  t.type(thrown, ServerFault);
  const judged = judgeThrown(check.level, thrown);
  t.equal(judged.verdict, check.level === 'MUST' ? 'fail' : 'warn');
  t.match(judged.reason, /^server fault: setup: roster get → error <internal-server-error\/>/);
  t.equal(judgeThrown('INFO', thrown).verdict, 'info', 'an INFO check records it');
});

t.test('what the server did vs what we or the network did', async (t) => {
  t.match(serverFaultIn(new XmppStreamError('internal-server-error')), /closed the stream with <internal-server-error\/>/);
  t.match(serverFaultIn(new XmppStanzaError('service-unavailable')), /error <service-unavailable\/>/);
  t.match(serverFaultIn(new XmppAuthError('not-authorized', undefined, { origin: 'server' })), /refused the login with <not-authorized\/>/);
  t.match(serverFaultIn(new XmppAuthError('server-signature', 'forged', { origin: 'client' })), /SASL answer did not verify/);
  t.match(serverFaultIn(new XmppConnectError('tls-untrusted', 'self-signed certificate')), /certificate does not verify/);
  t.match(serverFaultIn(new XmppConnectError('tls-hostname', 'wrong name')), /certificate does not verify/);
  t.equal(serverFaultIn(new XmppStreamError('conflict')), undefined, '<conflict/>: another of our sessions took the resource');
  for (const ours of [new XmppConnectError('refused', 'ECONNREFUSED'), new XmppConnectError('timeout', 'slow'), new XmppTimeoutError('a reply', 10), new Error('boom')]) {
    t.equal(serverFaultIn(ours), undefined, `${ours.message}: not the server's`);
    t.equal(judgeThrown('MUST', ours).verdict, 'error');
  }
});

t.test('the runner applies it: stream error → fail (MUST) / warn (SHOULD); a crash stays error', async (t) => {
  const check = (id: string, level: CheckDefinition['level'], error: Error): CheckDefinition => ({
    id, title: id, area: 'stream', level, spec: [{ doc: 'RFC 6120', section: '4.9' }],
    run: async (ctx) => {
      ctx.note('set-up step');
      throw error;
    },
  });
  const results = await runChecks(
    [check('a.must', 'MUST', new XmppStreamError('internal-server-error')), check('a.should', 'SHOULD', new XmppStanzaError('service-unavailable')), check('a.ours', 'MUST', new Error('bug'))],
    { target: { domain: 'fake.example', host: '127.0.0.1', port: 1 }, accounts: suppliedAccounts([]) },
  );
  t.same(results.map((r) => r.verdict), ['fail', 'warn', 'error']);
  t.match(results[0]!.reason, /^server fault: the server closed the stream/);
  t.match(results[2]!.reason, /^tool or network problem: bug/);
  t.ok(results[0]!.wire.some((w) => w.text === 'set-up step'), 'the set-up wire log is kept');
});

t.test('over the network, against the FAKE c2s server: its set-up faults are blamed on it, with the wire log', async (t) => {
  const check = checkById(rosterChecks, 'rfc6121.roster.push-on-set');
  const accounts = suppliedAccounts([{ username: 'alice', password: 'alice-pw', domain: DOMAIN, jid: `alice@${DOMAIN}` }]);
  const run = async (quirk: FakeQuirk) => {
    const server = await startFakeXmppServer(t, [quirk]);
    const [result] = await runChecks([check], { target: { domain: DOMAIN, host: '127.0.0.1', port: server.port, caPem: server.caPem }, accounts });
    return result!;
  };
  const roster = await run('roster-unavailable');
  t.equal(roster.verdict, 'fail', roster.reason);
  t.equal(roster.reason, 'server fault: setup: roster get → error <service-unavailable/>');
  t.ok(roster.wire.some((w) => w.dir === 'in' && w.text.includes('<service-unavailable')), 'the refusal is in the wire log');
  const stream = await run('stream-error-after-bind');
  t.equal(stream.verdict, 'fail', stream.reason);
  t.match(stream.reason, /^server fault: the server closed the stream with <internal-server-error\/>/);
  t.ok(stream.wire.some((w) => w.dir === 'in' && w.text.includes('internal-server-error')));
});

t.test('a server that throttles registration (FAKE): the checks needing accounts skip, they do not fail', async (t) => {
  const server = await startFakeXmppServer(t, ['registration-throttled']);
  const target = { domain: DOMAIN, host: '127.0.0.1', port: server.port, caPem: server.caPem };
  const [result] = await runChecks([checkById(rosterChecks, 'rfc6121.roster.get')], { target, accounts: registeredAccounts(target) });
  t.equal(result!.verdict, 'skip');
  t.equal(result!.reason, 'the server refused to register a throwaway account: resource-constraint');
});

t.test('set-up cut short: the server ending the XMPP stream is its fault; a bare TCP close stays error', async (t) => {
  const HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>";
  /** What a raw probe's reader throws waiting for the STARTTLS answer after the server sent `bytes` (and maybe dropped TCP). */
  const thrownAfter = async (bytes: string, tcpClosed: boolean) => {
    const reader = new RawReader();
    reader.reset();
    reader.write(bytes);
    if (tcpClosed) reader.socketClosed();
    return reader.take((element) => element.name === 'proceed', 1000, 'the STARTTLS answer').then(() => undefined, (error: unknown) => error);
  };
  const closed = await thrownAfter(`${HEADER}</stream:stream>`, true);
  t.match(judgeThrown('MUST', closed), { verdict: 'fail', reason: 'server fault: the server closed the stream before the STARTTLS answer' }, 'its </stream:stream>, TCP gone too');
  const streamError = await thrownAfter(`${HEADER}<stream:error><internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`, true);
  t.match(judgeThrown('SHOULD', streamError), { verdict: 'warn', reason: /^server fault: the server closed the stream with <internal-server-error\/>/ }, 'a stream error, named');
  const reset = await thrownAfter(HEADER, true);
  t.match(judgeThrown('MUST', reset), { verdict: 'error', reason: 'tool or network problem: the server closed the connection before the STARTTLS answer' }, 'TCP closed with no XMPP close');
  const silent = await thrownAfter(HEADER, false);
  t.equal(judgeThrown('MUST', silent).verdict, 'error', 'a timeout with no XMPP close');
});
