import t from 'tap';
import { readFileSync } from 'node:fs';
import { COMPLIANCE_RULES } from '../../../src/rank/grade/compliance.js';
import {
  CIPHER_SCORE, FEDERATION_POINTS, KEY_SCORE, LETTER_FRACTION, LETTER_FROM_SCORE, PROTOCOL_SCORE, SECURITY_POINTS, TLS_CAPS, TOTAL_WEIGHTS,
} from '../../../src/rank/grade/rubric.js';

const doc = readFileSync('docs/rank.md', 'utf8');

/** The rows (first two cells) of the table after `<!-- rubric:NAME -->`. */
function table(name: string): Array<[string, string]> {
  const start = doc.indexOf(`<!-- rubric:${name} -->`);
  if (start < 0) throw new Error(`docs/rank.md has no rubric:${name} table`);
  const lines = doc.slice(start).split('\n').slice(1);
  const rows = lines.slice(2, lines.findIndex((line, i) => i > 0 && !line.startsWith('|')));
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1).map((cell) => cell.trim());
    return [cells[0]!, cells[1]!];
  });
}

const bound = (n: number) => (n === Infinity ? 'any' : String(n));

t.test('docs/rank.md states the rubric exactly as the code applies it', async (t) => {
  t.same(table('protocol'), Object.entries(PROTOCOL_SCORE).map(([k, v]) => [k, String(v)]));
  t.same(table('key'), KEY_SCORE.map((r) => [bound(r.below), String(r.score)]));
  t.same(table('cipher'), CIPHER_SCORE.map((r) => [bound(r.below), String(r.score)]));
  t.same(table('letters'), LETTER_FROM_SCORE.map((r) => [String(r.atLeast), r.letter]));
  t.same(table('caps'), Object.entries(TLS_CAPS));
  t.same(table('security'), Object.entries(SECURITY_POINTS).map(([k, v]) => [k, String(v)]));
  t.same(table('federation'), Object.entries(FEDERATION_POINTS).map(([k, v]) => [k, String(v)]));
  t.same(table('total'), Object.entries(TOTAL_WEIGHTS).map(([k, v]) => [k, String(v)]));
  t.same(table('fractions'), Object.entries(LETTER_FRACTION).map(([k, v]) => [k, String(v)]));
  t.same(table('compliance'), COMPLIANCE_RULES.map((r) => [r.id, r.xep]));
});
