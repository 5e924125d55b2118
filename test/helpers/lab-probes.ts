/** Raw-stream probes that the lab tests of every server kind share. */
import { connect as tlsConnect, type SecureVersion } from 'node:tls';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Test } from 'tap';
import type { LabServer, LabStartOptions, VariantName } from '../../src/lab/types.js';
import { RawStream } from './raw-stream.js';

export const S2S_HEADER = { ns: 'jabber:server', extra: " xmlns:db='jabber:server:dialback' from='peer.gauntlet.example'" };
export const REQUIRED_STARTTLS = /<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required\/><\/starttls>/;
export const OPTIONAL_STARTTLS = /<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'\/>/;
/** ejabberd answers some refusals with a stream error instead of an iq error. */
const IQ_REPLY_OR_STREAM_ERROR = /<iq[^>]*\/>|<\/iq>|<\/stream:error>/;

export function c2s(lab: LabServer, options: { domain?: string; directTls?: boolean } = {}): Promise<RawStream> {
  const port = options.directTls ? lab.ports.c2sDirectTls : lab.ports.c2s;
  return RawStream.open({ host: lab.host, port, domain: options.domain ?? lab.domains[0], caFile: lab.caFile, directTls: options.directTls });
}

export function s2s(lab: LabServer): Promise<RawStream> {
  return RawStream.open({ host: lab.host, port: lab.ports.s2s, domain: lab.domains[0], caFile: lab.caFile });
}

export async function loggedIn(lab: LabServer, username: string, password: string, domain = lab.domains[0]): Promise<RawStream> {
  const stream = await c2s(lab, { domain });
  await stream.header();
  await stream.startTls();
  if (!(await stream.plainAuth(username, password))) throw new Error(`login of ${username}@${domain} failed`);
  await stream.bind('r1');
  return stream;
}

/** A handshake pinned to one TLS version; resolves with the negotiated protocol or "refused: ...". */
export function handshake(lab: LabServer, version: SecureVersion): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: lab.host,
      port: lab.ports.c2sDirectTls,
      servername: lab.domains[0],
      ca: readFileSync(lab.caFile),
      minVersion: version,
      maxVersion: version,
      // Lets this client offer TLS 1.0/1.1 suites at all; the server decides.
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      resolve(socket.getProtocol() ?? 'unknown');
      socket.destroy();
    });
    socket.once('error', (error) => resolve(`refused: ${error.message}`));
  });
}

/** XEP-0077 registration over TLS; returns the server's reply (an iq, or a stream error). */
export async function register(lab: LabServer, username: string): Promise<string> {
  const stream = await c2s(lab);
  await stream.header();
  await stream.startTls();
  stream.send(`<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>${username}</username><password>pw-${username}</password></query></iq>`);
  const reply = await stream.until(IQ_REPLY_OR_STREAM_ERROR);
  stream.close();
  return reply;
}

/** Sends a message to an offline user, then a ping to the server as a barrier; returns what came back. */
export async function messageOffline(lab: LabServer, from: RawStream, to: string): Promise<string> {
  from.send(`<message to='${to}' type='chat' id='m1'><body>for later</body></message>`);
  from.send(`<iq type='get' id='barrier' to='${lab.domains[0]}'><ping xmlns='urn:xmpp:ping'/></iq>`);
  return from.until(/<iq[^>]*id='barrier'[^>]*(\/>|>[\s\S]*?<\/iq>)/);
}

type StartVariant = (t: Test, variant: VariantName) => Promise<LabServer>;

/** The variant tests whose expectations are the same on every server kind. */
export function commonVariantTests(t: Test, withLab: StartVariant): void {
  t.test('variant plain-before-tls: TLS optional, PLAIN works in cleartext', async (t) => {
    const lab = await withLab(t, 'plain-before-tls');
    await lab.createAccounts([{ username: 'alice', password: 'alice-pw' }]);
    const stream = await c2s(lab);
    const features = await stream.header();
    t.match(features, OPTIONAL_STARTTLS, 'STARTTLS offered without <required/>');
    t.match(features, /<mechanism>PLAIN<\/mechanism>/, 'PLAIN offered before TLS');
    t.ok(await stream.plainAuth('alice', 'alice-pw'), 'PLAIN succeeds without TLS');
    stream.close();
  });

  t.test('variant tls-legacy: TLS 1.0 and 1.1 handshakes succeed', async (t) => {
    const lab = await withLab(t, 'tls-legacy');
    t.equal(await handshake(lab, 'TLSv1'), 'TLSv1');
    t.equal(await handshake(lab, 'TLSv1.1'), 'TLSv1.1');
  });
}

/** A 1 ms start limit fails with the server's log quoted (`name` begins the message); its directory is removed. */
export async function expectStartTimeoutQuotesLog(t: Test, name: string, start: (options: LabStartOptions) => Promise<LabServer>): Promise<void> {
  const error = await start({ startTimeoutMs: 1 }).then(
    (unexpected) => unexpected.stop().then(() => undefined),
    (e: unknown) => e as Error,
  );
  t.match(error, { code: 'environment', message: new RegExp(`^${name} \\(/.*\\) did not open port\\(s\\) .* within 1 ms\\. Its log ends with:`) });
  const dir = error && new RegExp(`^${name} \\(([^)]+)\\)`).exec(error.message)?.[1];
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** The baseline c2s: STARTTLS required and no SASL before it; SCRAM-SHA-1 and IBR after. Returns the features after TLS. */
export async function expectTlsRequiredThenScram(t: Test, lab: LabServer): Promise<string> {
  const stream = await c2s(lab);
  const before = await stream.header();
  t.match(before, REQUIRED_STARTTLS, 'STARTTLS is required');
  t.notMatch(before, /<mechanism>/, 'no SASL before TLS');
  const after = await stream.startTls();
  t.match(after, /<mechanism>SCRAM-SHA-1<\/mechanism>/, 'SCRAM-SHA-1 after TLS');
  t.match(after, /jabber\.org\/features\/iq-register/, 'in-band registration offered');
  stream.close();
  return after;
}

/** After STARTTLS a wrong password fails authentication. */
export async function expectWrongPasswordRefused(t: Test, lab: LabServer): Promise<void> {
  const wrong = await c2s(lab);
  await wrong.header();
  await wrong.startTls();
  t.notOk(await wrong.plainAuth('alice', 'not-her-password'), 'a wrong password is refused');
  wrong.close();
}

/** alice on the first vhost and bob on the second log in; a message crosses. Both streams stay open. */
export async function expectCrossVhostMessage(t: Test, lab: LabServer, bobPassword: string): Promise<{ alice: RawStream; bob: RawStream }> {
  const alice = await loggedIn(lab, 'alice', 'alice-pw');
  const bob = await loggedIn(lab, 'bob', bobPassword, lab.domains[1]);
  alice.send(`<message to='bob@${lab.domains[1]}' type='chat'><body>hello across vhosts</body></message>`);
  t.match(await bob.until(/<\/message>/), /hello across vhosts/, 'a message crosses the two vhosts');
  return { alice, bob };
}

/** The baseline refuses TLS 1.0 and 1.1 and lets three accounts register in a row. */
export async function expectModernTlsAndOpenIbr(t: Test, lab: LabServer): Promise<void> {
  t.match(await handshake(lab, 'TLSv1'), /^refused/, 'TLS 1.0 is refused');
  t.match(await handshake(lab, 'TLSv1.1'), /^refused/, 'TLS 1.1 is refused');
  for (const name of ['ibr1', 'ibr2', 'ibr3']) t.match(await register(lab, name), /type='result'/, `IBR of ${name}, unthrottled`);
}

/** Creates `count` accounts at once, reports the rate, and logs in as the last one. */
export async function expectBulkAccounts(t: Test, lab: LabServer, count: number): Promise<void> {
  const started = performance.now();
  const accounts = await lab.createAccounts(Array.from({ length: count }, (_, i) => ({ username: `user${i}`, password: `pw-${i}` })));
  const seconds = (performance.now() - started) / 1000;
  t.comment(`${count} accounts in ${seconds.toFixed(3)} s: ${Math.round(count / seconds)} accounts/s`);
  t.equal(accounts.length, count);
  const last = count - 1;
  await t.resolves(loggedIn(lab, `user${last}`, `pw-${last}`).then((s) => s.close()), 'the last account logs in');
}

/** alice@one writes to bob@two over s2s (found through the lab DNS); with `andBack`, bob answers. */
export async function expectS2sMessages(t: Test, one: LabServer, two: LabServer, options: { timeoutMs: number; andBack: boolean }): Promise<void> {
  await one.createAccounts([{ username: 'alice', password: 'alice-pw' }]);
  await two.createAccounts([{ username: 'bob', password: 'bob-pw' }]);
  const alice = await loggedIn(one, 'alice', 'alice-pw');
  const bob = await loggedIn(two, 'bob', 'bob-pw');
  alice.send(`<message to='bob@${two.domains[0]}' type='chat'><body>over s2s</body></message>`);
  t.match(await bob.until(/<\/message>/, options.timeoutMs), `from='alice@${one.domains[0]}/r1'`, 'delivered over s2s');
  if (options.andBack) {
    bob.send(`<message to='alice@${one.domains[0]}' type='chat'><body>and back</body></message>`);
    t.match(await alice.until(/<\/message>/, options.timeoutMs), /and back/, 'and back');
  }
  alice.close();
  bob.close();
}

/** On a variant without IBR, registration is no longer advertised while authentication stays. */
export async function expectNoRegisterFeature(t: Test, lab: LabServer): Promise<void> {
  const stream = await c2s(lab);
  await stream.header();
  const features = await stream.startTls();
  t.notMatch(features, /iq-register/, 'no register feature');
  t.match(features, /SCRAM-SHA-1/, 'authentication is unchanged');
  stream.close();
}

/** Creates alice and carol; returns alice logged in, carol left offline. */
export async function aliceWithOfflineCarol(lab: LabServer): Promise<RawStream> {
  await lab.createAccounts([
    { username: 'alice', password: 'alice-pw' },
    { username: 'carol', password: 'carol-pw' },
  ]);
  return loggedIn(lab, 'alice', 'alice-pw');
}

/** A message to offline carol is not bounced, and reaches her at login with a delay stamp. */
export async function expectOfflineDelivery(t: Test, lab: LabServer, alice: RawStream): Promise<void> {
  t.notMatch(await messageOffline(lab, alice, `carol@${lab.domains[0]}`), /type='error'/, 'a message to offline carol is not bounced');
  const carol = await loggedIn(lab, 'carol', 'carol-pw');
  t.match(await carol.until(/<\/message>/), /for later[\s\S]*urn:xmpp:delay|urn:xmpp:delay[\s\S]*for later/, 'delivered at login with a delay stamp');
  carol.close();
}
