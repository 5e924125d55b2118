import t from 'tap';
import {
  XmppAuthError,
  XmppConnectError,
  XmppStanzaError,
  XmppStreamError,
  XmppTimeoutError,
  classifyConnectFailure,
} from '../../../src/xmpp/errors.js';
import { parseXml } from '../../../src/xmpp/xml.js';
import { bareJid, isFullJid, parseJid, sameJid } from '../../../src/xmpp/jid.js';

t.test('conditions and texts are read from the elements', async (t) => {
  const stream = XmppStreamError.fromElement(parseXml(
    `<stream:error xmlns:stream='http://etherx.jabber.org/streams'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection</text></stream:error>`,
  ));
  t.match(stream, { condition: 'conflict', text: 'Replaced by new connection', message: 'conflict: Replaced by new connection' });

  const stanza = parseXml(
    `<message type='error' from='x@a.example'><error type='wait'><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
  );
  t.match(XmppStanzaError.fromStanza(stanza), { condition: 'resource-constraint', type: 'wait', text: undefined, element: stanza });

  const failure = parseXml(`<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><account-disabled/><text>Locked</text></failure>`);
  t.match(XmppAuthError.fromFailure(failure, 'PLAIN'), { condition: 'account-disabled', text: 'Locked', origin: 'server', mechanism: 'PLAIN' });
});

t.test('connect failures classify into counter keys', async (t) => {
  t.equal(classifyConnectFailure(new XmppConnectError('refused', 'x')), 'refused');
  t.equal(classifyConnectFailure(new XmppAuthError('not-authorized', undefined, { origin: 'server' })), 'auth');
  t.equal(classifyConnectFailure(new XmppStreamError('host-unknown')), 'stream-error');
  t.equal(classifyConnectFailure(new XmppTimeoutError('features', 10)), 'timeout');
  t.equal(classifyConnectFailure(new Error('boom')), 'other');
  t.equal(new XmppConnectError('dns', 'x').code, 'unreachable', 'a GauntletError the CLI maps to an exit code');
});

t.test('jid helpers', async (t) => {
  t.equal(bareJid('alice@A.example/phone'), 'alice@a.example');
  t.ok(isFullJid('a@b.example/r'));
  t.notOk(isFullJid('a@b.example'));
  t.ok(sameJid('a@B.EXAMPLE/r', parseJid('a@b.example/r')));
  t.throws(() => parseJid(''));
});
