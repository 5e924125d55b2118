import t, { type Test } from 'tap';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLab } from '../../src/lab/index.js';
import type { LabServer, ServerKind } from '../../src/lab/types.js';
import {
  classifyConnectFailure,
  openSession,
  type Session,
  type SessionOptions,
} from '../../src/xmpp/index.js';

const PASSWORDS = { alice: 'alice-secret', bob: 'bob-secret' };

interface Target {
  lab: LabServer;
  ca: string;
  base: (overrides?: Partial<SessionOptions>) => SessionOptions;
}

async function target(t: Test, kind: ServerKind, variant?: LabServer['variant']): Promise<Target> {
  const lab = await startLab(kind, { variant });
  t.teardown(() => lab.stop());
  await lab.createAccounts(Object.entries(PASSWORDS).map(([username, password]) => ({ username, password })));
  const ca = await readFile(lab.caFile, 'utf8');
  const base = (overrides: Partial<SessionOptions> = {}): SessionOptions => ({
    domain: lab.domains[0],
    host: lab.host,
    port: lab.ports.c2s,
    tls: 'starttls',
    ca,
    username: 'alice',
    password: PASSWORDS.alice,
    timeoutMs: 5000,
    ...overrides,
  });
  return { lab, ca, base };
}

/** Opens a session and closes it when the test ends. */
async function open(t: Test, options: SessionOptions): Promise<Session> {
  const session = await openSession(options);
  t.teardown(() => session.close());
  return session;
}

function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

function loginChecks(t: Test, kind: ServerKind, getTarget: () => Target) {
  t.test(`${kind}: SCRAM-SHA-1 over STARTTLS and over direct TLS, every phase timed`, async (t) => {
    const { base, lab } = getTarget();
    for (const mode of [
      { tls: 'starttls', port: lab.ports.c2s },
      { tls: 'direct', port: lab.ports.c2sDirectTls },
    ] as const) {
      const session = await open(t, base({ ...mode, mechanism: 'SCRAM-SHA-1' }));
      t.equal(session.info.mechanism, 'SCRAM-SHA-1', mode.tls);
      t.equal(session.jid.bare().toString(), `alice@${lab.domains[0]}`);
      t.ok(session.jid.getResource(), 'a resource was bound');
      for (const [phase, ms] of Object.entries(session.timings)) t.ok(ms > 0, `${mode.tls} ${phase} ${ms.toFixed(2)} ms`);
      t.equal(Object.keys(session.timings).length, 5);
      t.comment(`${kind} ${mode.tls}: ${session.info.tlsProtocol}, offers ${session.info.offeredMechanisms.join(' ')}`);
    }
  });

  t.test(`${kind}: -PLUS with channel binding where offered`, async (t) => {
    const { base, lab } = getTarget();
    for (const maxVersion of ['TLSv1.3', 'TLSv1.2'] as const) {
      const session = await open(t, base({ tls: 'direct', port: lab.ports.c2sDirectTls, maxVersion }));
      const { offeredMechanisms, mechanism, channelBinding } = session.info;
      t.comment(`${kind} ${maxVersion}: offers ${offeredMechanisms.join(' ')}; used ${mechanism} ${channelBinding ?? ''}`);
      if (offeredMechanisms.some((name) => name.endsWith('-PLUS')) && maxVersion === 'TLSv1.2') {
        t.match(mechanism, /-PLUS$/, `${maxVersion}: auto picks a -PLUS mechanism`);
        t.equal(channelBinding, 'tls-unique', `${maxVersion}: bound to tls-unique, the type every -PLUS server has`);
      } else {
        // TLS 1.3 has no tls-unique; without a XEP-0440 list no other type is known to work.
        t.notMatch(mechanism, /-PLUS$/, `${maxVersion}: nothing to bind to`);
      }
    }
  });

  t.test(`${kind}: failures are typed and classified`, async (t) => {
    const { base, lab } = getTarget();
    const wrong = await openSession(base({ password: 'wrong' })).catch((e: unknown) => e);
    t.match(wrong, { name: 'XmppAuthError', condition: 'not-authorized', origin: 'server' });

    const untrusted = await openSession(base({ ca: undefined })).catch((e: unknown) => e);
    t.equal(classifyConnectFailure(untrusted), 'tls-untrusted', 'the lab CA is not in the default roots');

    const direct = { tls: 'direct', port: lab.ports.c2sDirectTls } as const;
    const sni = await openSession(base({ ...direct, domain: 'not-hosted.example' })).catch((e: unknown) => e);
    t.equal(classifyConnectFailure(sni), 'tls-hostname', `unknown SNI name: ${(sni as Error).message}`);

    const header = await openSession(base({ domain: 'not-hosted.example' })).catch((e: unknown) => e);
    t.match(header, { name: 'XmppStreamError', condition: 'host-unknown' }, 'STARTTLS: refused at the stream header');

    const cleartext = await openSession(base({ tls: 'none' })).catch((e: unknown) => e);
    t.equal(classifyConnectFailure(cleartext), 'auth', `no TLS: ${(cleartext as Error).message}`);
  });

  t.test(`${kind}: a message between two sessions, an iq ping, a clean close`, async (t) => {
    const { base, lab } = getTarget();
    await sleep(50); // let sockets of earlier failed attempts finish closing
    const before = tcpSockets();
    const alice = await openSession(base({ resource: 'laptop' }));
    const bob = await openSession(base({ username: 'bob', password: PASSWORDS.bob, tls: 'direct', port: lab.ports.c2sDirectTls }));

    const arrival = bob.waitFor(`<message type='chat' from='alice@*/laptop'><body>hello *</body></message>`, 5000);
    await alice.send(`<message type='chat' to='${bob.jid}'><body>hello bob</body></message>`);
    const message = await arrival;
    t.equal(message.getChildText('body'), 'hello bob');

    const pong = await alice.iq(`<iq type='get' to='${lab.domains[0]}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    t.equal(pong.attrs.type, 'result');
    await t.rejects(
      alice.iq(`<iq type='get' to='${lab.domains[0]}'><query xmlns='urn:gauntlet:unknown'/></iq>`),
      { name: 'XmppStanzaError', condition: 'service-unavailable' },
    );

    await Promise.all([alice.close(), bob.close()]);
    t.ok(alice.closed && bob.closed);
    await sleep(50);
    t.equal(tcpSockets(), before, 'no socket left behind');
  });
}

t.test('prosody', async (t) => {
  const prosody = await target(t, 'prosody');
  t.comment(`Prosody ${prosody.lab.version}`);
  loginChecks(t, 'prosody', () => prosody);
});

t.test('prosody plain-before-tls: PLAIN on a cleartext stream only when allowed', async (t) => {
  const { base } = await target(t, 'prosody', 'plain-before-tls');
  await t.rejects(openSession(base({ tls: 'none', mechanism: 'PLAIN' })), {
    name: 'XmppAuthError',
    condition: 'encryption-required',
    origin: 'client',
  });
  const session = await open(t, base({ tls: 'none', mechanism: 'PLAIN', allowCleartextAuth: true }));
  t.equal(session.info.mechanism, 'PLAIN');
  t.equal(session.timings.tls_handshake, undefined);
});

t.test('ejabberd', async (t) => {
  const ejabberd: Target = await target(t, 'ejabberd');
  t.comment(`ejabberd ${ejabberd.lab.version}`);
  loginChecks(t, 'ejabberd', () => ejabberd);
});
