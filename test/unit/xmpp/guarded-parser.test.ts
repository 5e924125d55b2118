import t from 'tap';
import { GuardedParser, StreamFault } from '../../../src/xmpp/guarded-parser.js';
import { DEFAULT_LIMITS, type StreamLimits } from '../../../src/xmpp/limits.js';
import type { Element } from '../../../src/xmpp/xml.js';

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;

/** Feeds `chunks` (strings or a generator) and reports what the parser emitted. */
function feed(chunks: Iterable<string>, limits: Partial<StreamLimits> = {}) {
  const parser = new GuardedParser({ ...DEFAULT_LIMITS, ...limits });
  const elements: Element[] = [];
  const faults: StreamFault[] = [];
  let root: Element | undefined;
  let written = 0;
  parser.on('start', (element) => (root = element));
  parser.on('element', (element) => void elements.push(element));
  parser.on('error', (error) => void faults.push(error as StreamFault));
  for (const chunk of chunks) {
    if (faults.length > 0) break;
    written += chunk.length;
    parser.write(chunk);
  }
  return { elements, faults, root, written };
}

function* repeat(first: string, piece: string, total: number): Generator<string> {
  yield first;
  for (let sent = 0; sent < total; sent += piece.length) yield piece;
}

t.test('a well-behaved stream: elements out, keepalive whitespace not kept on the root', async (t) => {
  const { elements, faults, root } = feed([HEADER, '<stream:features><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>', ' ', '\n', "<message to='a@b'><body>hi &amp; bye</body></message>", ' '.repeat(1000)]);
  t.same(faults, []);
  t.same(elements.map((e) => e.name), ['stream:features', 'message']);
  t.equal(elements[1]!.getChildText('body'), 'hi & bye');
  t.equal(root!.children.length, 0, 'no text piles up on the stream root');
});

const cases: Array<{ name: string; chunks: () => Iterable<string>; limits?: Partial<StreamLimits>; condition: string; message: RegExp }> = [
  { name: 'a header whose attributes never end', chunks: () => repeat('<stream:stream', ` a='${'x'.repeat(60)}'`, 50 * 1024 * 1024), condition: 'policy-violation', message: /without completing its stream header; limit 16 KB/ },
  { name: 'a 100 MB stanza', chunks: () => repeat(`${HEADER}<message><body>`, 'A'.repeat(65536), 100 * 1024 * 1024), condition: 'policy-violation', message: /stanza of more than .*; limit 256 KB/ },
  { name: 'deep nesting', chunks: () => repeat(HEADER, '<a>'.repeat(1000), 3_000_000), condition: 'policy-violation', message: /deeper than 64 levels/ },
  { name: 'too many attributes', chunks: () => [HEADER, `<message ${Array.from({ length: 100 }, (_, i) => `a${i}='1'`).join(' ')}/>`], condition: 'policy-violation', message: /100 attributes; limit 64/ },
  { name: 'a huge attribute', chunks: () => [HEADER, `<message id='${'x'.repeat(20_000)}'/>`], condition: 'policy-violation', message: /attribute 'id' of 19.5 KB; limit 16 KB/ },
  { name: 'a huge text', chunks: () => [HEADER, `<message><body>${'x'.repeat(2000)}</body></message>`], limits: { maxTextBytes: 1000 }, condition: 'policy-violation', message: /2 KB of text in one element; limit 1000 bytes/ },
  { name: 'too many children', chunks: () => repeat(`${HEADER}<iq type='result'><query xmlns='jabber:iq:roster'>`, "<item jid='a@b'/>", 200_000), condition: 'policy-violation', message: /<query\/> with more than 10000 children/ },
  { name: 'too many features', chunks: () => [HEADER, `<stream:features>${'<f xmlns="x"/>'.repeat(100)}</stream:features>`], condition: 'policy-violation', message: /more than 64 stream features/ },
  { name: 'whitespace between stanzas', chunks: () => repeat(`${HEADER}<message/>`, ' '.repeat(16384), 40 * 1024 * 1024), condition: 'policy-violation', message: /whitespace between stanzas; limit 64 KB/ },
  { name: 'an undefined entity', chunks: () => [HEADER, '<message><body>&foo;</body></message>'], condition: 'not-well-formed', message: /not well-formed: Illegal XML entity &foo;/ },
  { name: 'an illegal character reference', chunks: () => [HEADER, '<message><body>&#0;</body></message>'], condition: 'not-well-formed', message: /Illegal XML character 0x0/ },
  { name: 'a DOCTYPE split across chunks', chunks: () => ["<?xml version='1.0'?><!DOC", 'TYPE stream>', HEADER], condition: 'restricted-xml', message: /DTD/ },
];

for (const c of cases) {
  t.test(`${c.name}: one fault, no exception, bounded reading`, async (t) => {
    const started = performance.now();
    const { faults, written } = feed(c.chunks(), c.limits);
    t.equal(faults.length, 1, 'exactly one fault');
    t.ok(faults[0] instanceof StreamFault);
    t.equal(faults[0]!.condition, c.condition);
    t.match(faults[0]!.message, c.message);
    t.ok(written < 2 * 1024 * 1024, `stopped after ${written} characters, not at the end of the input`);
    t.ok(performance.now() - started < 2000, 'fast');
  });
}

t.test('after a fault the parser ignores everything', async (t) => {
  const parser = new GuardedParser();
  const events: string[] = [];
  parser.on('element', () => void events.push('element'));
  parser.on('error', () => void events.push('error'));
  parser.write(`${HEADER}<message>&foo;</message>`);
  parser.write('<message/><message/>');
  t.same(events, ['error']);
});
