import t from 'tap';
import { LineCounter, parseDocument } from 'yaml';
import { SourcePositions } from '../../../src/scenario/positions.js';

function positions(lines: string[]): SourcePositions {
  const counter = new LineCounter();
  return new SourcePositions(parseDocument(lines.join('\n'), { lineCounter: counter, merge: true }), counter);
}

const source = positions([
  'defaults: &defaults', // 1
  '  type: chat', //        2
  'flow:', //               3
  '  - message:', //        4
  '      <<: *defaults', // 5
  '      to: self', //      6
  '  - roster.get', //      7
]);

t.test('values, keys and containers', async (t) => {
  t.same(source.locate(['flow', 0, 'message', 'to']), { line: 6, col: 11 });
  t.same(source.locate(['flow', 0, 'message', 'to'], 'key'), { line: 6, col: 7 });
  t.same(source.locate(['flow', 0, 'message'], 'container'), { line: 4, col: 5 }, 'the key naming the map, not its first entry');
  t.same(source.locate(['flow', 1]), { line: 7, col: 5 });
  t.same(source.locate([]), { line: 1, col: 1 });
});

t.test('merged keys point at their definition; missing ones at the nearest parent', async (t) => {
  t.same(source.locate(['flow', 0, 'message', 'type']), { line: 2, col: 9 });
  t.same(source.locate(['flow', 0, 'message', 'body']), { line: 4, col: 5 });
  t.same(source.locate(['flow', 5, 'x']), { line: 3, col: 1 });
});
