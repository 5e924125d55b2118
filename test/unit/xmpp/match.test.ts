import t from 'tap';
import { compilePattern, elementMatches, globMatches, toPredicate } from '../../../src/xmpp/match.js';
import { parseXml, xml } from '../../../src/xmpp/xml.js';

const chat = parseXml(
  `<message type='chat' from='alice@a.example/phone' to='bob@a.example' id='m1'>
     <body>Hello Bob</body>
     <active xmlns='http://jabber.org/protocol/chatstates'/>
   </message>`,
);

t.test('globs: exact, any, prefix, suffix, infix', async (t) => {
  t.ok(globMatches('chat', 'chat'));
  t.notOk(globMatches('chat', 'chatty'));
  t.ok(globMatches('*', ''));
  t.ok(globMatches('alice*', 'alice@a.example/phone'));
  t.ok(globMatches('*/phone', 'alice@a.example/phone'));
  t.ok(globMatches('alice@*/phone', 'alice@a.example/phone'));
  t.notOk(globMatches('bob*', 'alice@a.example'));
  t.ok(globMatches('a.b*', 'a.b.c'), 'regexp characters are literal');
  t.notOk(globMatches('a.b*', 'axb'));
});

t.test('a pattern matches by name, attributes and children', async (t) => {
  t.ok(toPredicate(`<message type='chat' from='*'><body>*</body></message>`)(chat));
  t.ok(toPredicate(`<message from='alice*'/>`)(chat), 'extra attributes and children are allowed');
  t.ok(toPredicate(`<message><body>Hello*</body></message>`)(chat));
  t.notOk(toPredicate(`<message><body>Bye</body></message>`)(chat), 'text must match');
  t.notOk(toPredicate(`<presence/>`)(chat), 'name must match');
  t.notOk(toPredicate(`<message type='groupchat'/>`)(chat), 'attribute value must match');
  t.notOk(toPredicate(`<message foo='*'/>`)(chat), "'*' still requires the attribute");
  t.notOk(toPredicate(`<message><subject/></message>`)(chat), 'listed children must exist');
});

t.test('namespaces are compared with the effective namespace', async (t) => {
  t.ok(toPredicate(`<message><active xmlns='http://jabber.org/protocol/chatstates'/></message>`)(chat));
  t.notOk(toPredicate(`<message><active xmlns='urn:other'/></message>`)(chat));
  const stream = xml('stream:stream', { xmlns: 'jabber:client' });
  const stanza = xml('message', {}, xml('body', {}, 'hi'));
  stanza.parent = stream;
  t.ok(elementMatches(stanza, compilePattern(`<message xmlns='jabber:client'/>`)), 'inherited from the stream');
});

t.test('children match out of order and each stanza child is used once', async (t) => {
  const iq = parseXml(`<iq type='result'><query><item jid='a'/><item jid='b'/></query></iq>`);
  t.ok(toPredicate(`<iq><query><item jid='b'/><item jid='a'/></query></iq>`)(iq));
  t.ok(toPredicate(`<iq><query><item jid='*'/><item jid='a'/></query></iq>`)(iq), 'backtracks from a greedy choice');
  t.notOk(toPredicate(`<iq><query><item jid='a'/><item jid='a'/></query></iq>`)(iq));
});

t.test('predicates pass through and bad patterns fail early', async (t) => {
  t.ok(toPredicate((stanza) => stanza.name === 'message')(chat));
  t.throws(() => toPredicate('<message><body></message>'));
  t.throws(() => toPredicate('<message>'));
  t.throws(() => toPredicate('<a/><b/>'));
  t.throws(() => toPredicate('not xml'));
  t.equal(compilePattern('<x/>'), compilePattern('<x/>'), 'parsed once');
});
