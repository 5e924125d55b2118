import t from 'tap';
import { dialbackKey, isValidDialbackKey, newDialbackSecret } from '../../../src/s2s/dialback-key.js';

// The two worked examples of XEP-0220 (§2.1.1 and §2.2.2), which follow XEP-0185 §2.
const VECTORS = [
  {
    secret: 's3cr3tf0rd14lb4ck',
    input: { receiving: 'montague.example', originating: 'capulet.example', streamId: 'D60000229F' },
    key: 'b4835385f37fe2895af6c196b59097b16862406db80559900d96bf6fa7d23df3',
  },
  {
    secret: 'd14lb4ck43v3r',
    input: { receiving: 'capulet.example', originating: 'montague.example', streamId: '417GAF25' },
    key: '225cc5aa6a071133249d25fef42ae516fc7a86c523aa1c6980a7f73e784c972d',
  },
];

t.test('keys match the XEP-0220 examples', async (t) => {
  for (const { secret, input, key } of VECTORS) t.equal(dialbackKey(secret, input), key, `${input.originating} → ${input.receiving}`);
});

t.test('verification accepts the real key (any case, surrounding whitespace) and nothing else', async (t) => {
  const { secret, input, key } = VECTORS[0]!;
  t.ok(isValidDialbackKey(secret, input, key));
  t.ok(isValidDialbackKey(secret, input, `\n   ${key.toUpperCase()}  \n`), 'character data as servers indent it');
  t.notOk(isValidDialbackKey(secret, input, key.replace(/^b/, 'c')), 'one character changed');
  t.notOk(isValidDialbackKey(secret, input, key.slice(0, -1)), 'truncated');
  t.notOk(isValidDialbackKey(secret, input, ''), 'empty');
  t.notOk(isValidDialbackKey('other secret', input, key), 'another secret');
  t.notOk(isValidDialbackKey(secret, { ...input, streamId: 'D60000229G' }, key), 'another stream id');
  t.notOk(isValidDialbackKey(secret, { ...input, receiving: input.originating, originating: input.receiving }, key), 'domains swapped');
});

t.test('secrets are fresh and long', async (t) => {
  const a = newDialbackSecret();
  t.match(a, /^[0-9a-f]{64}$/);
  t.not(a, newDialbackSecret());
});
