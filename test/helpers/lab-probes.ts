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
