import t, { type Test } from 'tap';
import { CATALOGUE, runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import type { CheckResult } from '../../../src/checks/types.js';
import { HEADER, startScriptedServer, streamError, type ScriptedConnection } from '../../helpers/scripted-server.js';

const FEATURES = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

/** Runs one stream check against a scripted server (every connection gets the same script). */
async function runAgainst(t: Test, id: string, script: (c: ScriptedConnection) => Promise<void>): Promise<CheckResult> {
  const server = await startScriptedServer(script);
  t.teardown(() => server.close());
  // The catalogue's definitions carry the rules (a secondary rule changes the verdict).
  const check = CATALOGUE.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const [result] = await runChecks([check], {
    target: { domain: 'fake.example', host: '127.0.0.1', port: server.port },
    accounts: suppliedAccounts([]),
  });
  return result!;
}

const header = (c: ScriptedConnection) => c.expect(/<stream:stream[^>]*>/);

t.test('error-closes-stream: a server that never closes after a stream error fails', async (t) => {
  const result = await runAgainst(t, 'rfc6120.stream.error-closes-stream', async (c) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(/broken/);
    c.send(streamError('not-well-formed'));
    await c.expect(/never/, 15_000).catch(() => undefined);
  });
  t.equal(result.verdict, 'fail');
  t.match(result.reason, /did not send <\/stream:stream>/);
});

t.test('error-closes-stream: closing tag, but TCP kept open even after ours, fails', async (t) => {
  const result = await runAgainst(t, 'rfc6120.stream.error-closes-stream', async (c) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(/broken/);
    c.send(`${streamError('not-well-formed')}</stream:stream>`);
    await c.expect(/never/, 15_000).catch(() => undefined);
  });
  t.equal(result.verdict, 'fail');
  t.match(result.reason, /kept the TCP connection open/);
});

t.test('error-closes-stream: a server that waits for our closing tag, then closes, passes', async (t) => {
  const result = await runAgainst(t, 'rfc6120.stream.error-closes-stream', async (c) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(/broken/);
    c.send(`${streamError('not-well-formed')}</stream:stream>`);
    await c.expect(/<\/stream:stream>/);
    c.end();
  });
  t.equal(result.verdict, 'pass', result.reason);
  t.equal(result.wire.filter((w) => w.dir === 'out' && w.text === '</stream:stream>').length >= 1, true, 'we sent our closing tag');
});

t.test('features: a version 1.0 header answered with features passes; a header without features fails', async (t) => {
  const withFeatures = await runAgainst(t, 'rfc6120.stream.features', async (c) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(/<\/stream:stream>/, 10_000).catch(() => undefined);
    c.end();
  });
  t.equal(withFeatures.verdict, 'pass', withFeatures.reason);
  const bare = await runAgainst(t, 'rfc6120.stream.features', async (c) => {
    await header(c);
    c.send(`${HEADER()}</stream:stream>`);
    c.end();
  });
  t.equal(bare.verdict, 'fail', bare.reason);
  t.match(bare.reason, /a version='1\.0' header got a stream header and then nothing/);
});

t.test('header-before-error: an error without a header fails', async (t) => {
  const result = await runAgainst(t, 'rfc6120.stream.header-before-error', async (c) => {
    await header(c);
    c.send(`<stream:error xmlns:stream='http://etherx.jabber.org/streams'><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`);
    c.end();
  });
  t.equal(result.verdict, 'fail');
  t.match(result.reason, /without a stream header/);
});

t.test('error-header-from: empty from passes, the unknown domain fails', async (t) => {
  const empty = await runAgainst(t, 'rfc6120.stream.error-header-from', async (c) => {
    await header(c);
    c.send(HEADER('e1', '') + streamError('host-unknown') + '</stream:stream>');
    c.end();
  });
  t.equal(empty.verdict, 'pass', empty.reason);
  const echoed = await runAgainst(t, 'rfc6120.stream.error-header-from', async (c) => {
    const sent = await header(c);
    const to = /to='([^']+)'/.exec(sent)![1]!;
    c.send(HEADER('e2', to) + streamError('host-unknown') + '</stream:stream>');
    c.end();
  });
  t.equal(echoed.verdict, 'fail', 'a MUST (RFC 6120 §4.9.1.3, §4.7.1): echoing the unknown domain fails');
});

t.test('not-well-formed: bad-format is the allowed generic; xml-not-well-formed only under rfc3920', async (t) => {
  const script = (condition: string) => async (c: ScriptedConnection) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(/unclosed/);
    c.send(`${streamError(condition)}</stream:stream>`);
    c.end();
  };
  t.equal((await runAgainst(t, 'rfc6120.stream.not-well-formed', script('bad-format'))).verdict, 'pass');
  t.equal((await runAgainst(t, 'rfc6120.stream.not-well-formed', script('xml-not-well-formed'))).verdict, 'fail');
  const server = await startScriptedServer(script('xml-not-well-formed'));
  t.teardown(() => server.close());
  const [legacy] = await runChecks(CATALOGUE.filter((c) => c.id === 'rfc6120.stream.not-well-formed'), {
    target: { domain: 'fake.example', host: '127.0.0.1', port: server.port },
    accounts: suppliedAccounts([]),
    profile: 'rfc3920',
  });
  t.equal(legacy!.verdict, 'pass', 'the RFC 3920 name is accepted under that profile');
});

t.test('a server that refuses the connection is an error, never a fail', async (t) => {
  const server = await startScriptedServer(async () => undefined);
  const port = server.port;
  await server.close();
  const [result] = await runChecks(CATALOGUE.filter((c) => c.id === 'rfc6120.stream.features'), {
    target: { domain: 'fake.example', host: '127.0.0.1', port },
    accounts: suppliedAccounts([]),
  });
  t.equal(result!.verdict, 'error');
});

/** RFC 6120 §11.1: closing the stream is the MUST; the restricted-xml condition is a SHOULD. */
function answersRestricted(trigger: RegExp, answer: string | undefined) {
  return async (c: ScriptedConnection) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(trigger);
    if (answer === undefined) return void (await c.expect(/never/, 10_000).catch(() => undefined));
    c.send(`${streamError(answer)}</stream:stream>`);
    c.end();
  };
}

// A comment or PI is well-formed, so only restricted-xml (or bad-format) is right; a DTD after the
// root or an undeclared entity is also not well-formed, so not-well-formed passes there too.
const RESTRICTED: Array<[id: string, trigger: RegExp, other: string]> = [
  ['rfc6120.stream.restricted-xml-comment', /-->/, 'not-well-formed'],
  ['rfc6120.stream.restricted-xml-processing-instruction', /\?>/, 'not-well-formed'],
  ['rfc6120.stream.restricted-xml-dtd', /\]>/, 'invalid-xml'],
  ['rfc6120.stream.restricted-xml-entity', /&gauntlet;/, 'invalid-xml'],
];
// The silent cases wait out the error timeout: all cases run at once to keep the file fast.
t.test('restricted-xml-*: restricted-xml passes, another condition warns, no stream error fails', async (t) => {
  await Promise.all(
    RESTRICTED.map(async ([id, trigger, other]) => {
      const kind = id.replace('rfc6120.stream.restricted-xml-', '');
      const [right, wrong, silent] = await Promise.all([
        runAgainst(t, id, answersRestricted(trigger, 'restricted-xml')),
        runAgainst(t, id, answersRestricted(trigger, other)),
        runAgainst(t, id, answersRestricted(trigger, undefined)),
      ]);
      t.equal(right.verdict, 'pass', `${kind}: ${right.reason}`);
      t.equal(wrong.verdict, 'warn', `${kind}: ${wrong.reason}`);
      t.match(wrong.reason, new RegExp(`stream error <${other}/>, expected <restricted-xml/>`));
      t.equal(silent.verdict, 'fail', `${kind}: ${silent.reason}`);
      t.match(silent.reason, /no stream error came/);
    }),
  );
});

t.test('content-namespace records both a refusal and an acceptance (no keyword backs a verdict)', async (t) => {
  const refused = await runAgainst(t, 'rfc6120.stream.content-namespace', async (c) => {
    await header(c);
    c.send(HEADER() + streamError('invalid-namespace') + '</stream:stream>');
    c.end();
  });
  t.equal(refused.verdict, 'info');
  t.match(refused.reason, /stream error <invalid-namespace\/>/);
  const accepted = await runAgainst(t, 'rfc6120.stream.content-namespace', async (c) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(/never/, 3000).catch(() => undefined);
  });
  t.equal(accepted.verdict, 'info');
  t.match(accepted.reason, /was accepted with features/);
});

/** A server that answers every header with its own header and features, whatever the header said. */
const acceptsAnything = async (c: ScriptedConnection) => {
  await header(c);
  c.send(HEADER(`id-${Math.random().toString(36).slice(2)}`) + FEATURES);
  await c.expect(/<\/stream:stream>/, 10_000).catch(() => undefined);
  c.send('</stream:stream>');
  c.end();
};

/** A server that refuses every header with `condition` (after its own header, as §4.9.1.2 wants). */
const refusesWith = (condition: string) => async (c: ScriptedConnection) => {
  await header(c);
  c.send(HEADER() + streamError(condition) + '</stream:stream>');
  c.end();
};

t.test('rfc6120.stream.invalid-namespace: <invalid-namespace/> passes, another condition warns, accepting the header fails', async (t) => {
  const id = 'rfc6120.stream.invalid-namespace';
  const [refused, otherCondition, open] = await Promise.all([
    runAgainst(t, id, refusesWith('invalid-namespace')),
    runAgainst(t, id, refusesWith('policy-violation')),
    runAgainst(t, id, acceptsAnything),
  ]);
  t.equal(refused.verdict, 'pass', refused.reason);
  t.equal(otherCondition.verdict, 'warn', `closing is the MUST, the condition a SHOULD: ${otherCondition.reason}`);
  t.equal(open.verdict, 'fail', open.reason);
  t.match(open.reason, /accepted|features/);
});

t.test('rfc6120.stream.host-unknown: <host-unknown/> passes, serving the stream as the unknown domain fails, as its own domain is recorded', async (t) => {
  const id = 'rfc6120.stream.host-unknown';
  const servesAsAsked = async (c: ScriptedConnection) => {
    const to = /to='([^']+)'/.exec(await header(c))![1]!;
    c.send(HEADER('h1', to) + FEATURES);
    await c.expect(/<\/stream:stream>/, 10_000).catch(() => undefined);
    c.end();
  };
  const [refused, asUnknown, asOwn] = await Promise.all([runAgainst(t, id, refusesWith('host-unknown')), runAgainst(t, id, servesAsAsked), runAgainst(t, id, acceptsAnything)]);
  t.equal(refused.verdict, 'pass', refused.reason);
  t.equal(asUnknown.verdict, 'fail', asUnknown.reason);
  t.match(asUnknown.reason, /claiming to be from nobody-\w+\.example/);
  t.equal(asOwn.verdict, 'info', 'RFC 6120 §4.7.1 only binds the reply header to the server\'s own domains');
  t.match(asOwn.reason, /served as 'fake\.example'/);
});

t.test("missing-to: no server keyword (§4.7.2 binds the client), so refusing and accepting are both recorded as info", async (t) => {
  const refused = await runAgainst(t, 'rfc6120.stream.missing-to', refusesWith('improper-addressing'));
  t.equal(refused.verdict, 'info', refused.reason);
  t.match(refused.reason, /improper-addressing/);
  const open = await runAgainst(t, 'rfc6120.stream.missing-to', acceptsAnything);
  t.equal(open.verdict, 'info', open.reason);
  t.match(open.reason, /accepted|features/);
});

t.test("header-from-id: the requested domain and fresh ids pass; another 'from' or a reused id fails", async (t) => {
  const good = await runAgainst(t, 'rfc6120.stream.header-from-id', acceptsAnything);
  t.equal(good.verdict, 'pass', good.reason);
  const stale = await runAgainst(t, 'rfc6120.stream.header-from-id', async (c) => {
    await header(c);
    c.send(HEADER('always-the-same', 'elsewhere.example') + FEATURES);
    c.end();
  });
  t.equal(stale.verdict, 'fail', stale.reason);
  t.match(stale.reason, /came back from 'elsewhere\.example'.*used twice/);
});

t.test('close-handshake records both a polite close and a deaf server (no keyword: info)', async (t) => {
  const polite = await runAgainst(t, 'rfc6120.stream.close-handshake', acceptsAnything);
  t.equal(polite.verdict, 'info', polite.reason);
  t.match(polite.reason, /sent <\/stream:stream> and closed the TCP connection/);
  const deaf = await runAgainst(t, 'rfc6120.stream.close-handshake', async (c) => {
    await header(c);
    c.send(HEADER() + FEATURES);
    await c.expect(/never/, 12_000).catch(() => undefined);
  });
  t.equal(deaf.verdict, 'info', deaf.reason);
  t.match(deaf.reason, /within 8 s of our closing tag/);
});

t.test("version-pre-1.0: served as 0.9 or unsupported-version passes; answered as 1.0 fails", async (t) => {
  const answer = (version: string, error?: string) => async (c: ScriptedConnection) => {
    await header(c);
    c.send(HEADER().replace("' version='1.0'", `' version='${version}'`) + (error ? `${streamError(error)}</stream:stream>` : ''));
    c.end();
  };
  t.equal((await runAgainst(t, 'rfc6120.stream.version-pre-1.0', answer('0.9'))).verdict, 'pass');
  t.equal((await runAgainst(t, 'rfc6120.stream.version-pre-1.0', answer('0.9', 'unsupported-version'))).verdict, 'pass');
  t.equal((await runAgainst(t, 'rfc6120.stream.version-pre-1.0', answer('0.9', 'bad-format'))).verdict, 'info', 'refused with another condition: no keyword');
  const higher = await runAgainst(t, 'rfc6120.stream.version-pre-1.0', answer('1.0'));
  t.equal(higher.verdict, 'fail', higher.reason);
  t.match(higher.reason, /answered with version='1\.0', higher than the client's/);
});
