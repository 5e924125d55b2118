import t from 'tap';
import { terminalSafe } from '../../../src/util/terminal-text.js';
import { boundedText } from '../../../src/util/bounded-text.js';

t.test('terminalSafe shows control characters escaped instead of acting on the screen', async (t) => {
  t.equal(terminalSafe('\u001b[2J\u001b[31mred\u0007'), '\\x1b[2J\\x1b[31mred\\x07');
  t.equal(terminalSafe('over\rwrite'), 'over\\x0dwrite', 'a carriage return could hide text');
  t.equal(terminalSafe('a\u009bb\u007fc\u202ed'), 'a\\x9bb\\x7fc\\u202ed', 'C1, DEL and bidi overrides');
  t.equal(terminalSafe('tab\tand\nnewline stay; é ü 中 😀'), 'tab\tand\nnewline stay; é ü 中 😀');
  t.equal(terminalSafe('x\ry', { keepCarriageReturn: true }), 'x\ry');
});

t.test('boundedText keeps short text and marks a cut', async (t) => {
  t.equal(boundedText('short', 10), 'short');
  t.equal(boundedText('x'.repeat(30), 10), `${'x'.repeat(10)}… [20 more characters not kept]`);
});
