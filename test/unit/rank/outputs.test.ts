import t from 'tap';
import { gradeHost } from '../../../src/rank/grade/index.js';
import { renderBadge } from '../../../src/rank/output/badge.js';
import { csvCell, csvRow } from '../../../src/rank/output/csv.js';
import { detailPanel, leaderboardHead, leaderboardTail } from '../../../src/rank/output/leaderboard.js';
import { renderLeaderboardText } from '../../../src/rank/output/text.js';
import { baseline } from './facts-fixture.js';

const HOSTILE = '<script>alert(1)</script>\u001b[31m"\'&';

function hostileFacts() {
  const facts = baseline('evil.example');
  facts.inventory!.software = { name: HOSTILE, version: '=cmd|calc' };
  facts.unknown['features.csi'] = HOSTILE;
  facts.evidence.push({ probe: 'disco#info', seen: `<x>${HOSTILE}</x>`, facts: ['inventory.features'] });
  return facts;
}

t.test('the leaderboard escapes everything the server sent', async (t) => {
  const facts = hostileFacts();
  const g = gradeHost(facts);
  const page = leaderboardHead({ generatedAt: '2026-12-07T04:00:00Z', toolVersion: '0', listed: 1, notFinished: 0, interrupted: false }, [{ rank: 1, grades: g, software: HOSTILE }]) + detailPanel(1, g, facts) + leaderboardTail();
  t.notMatch(page, /<script>alert/);
  t.match(page, '&lt;script&gt;alert(1)&lt;/script&gt;');
  t.equal((page.match(/<script>/g) ?? []).length, 1, 'only the leaderboard script itself');
  t.match(page, "Content-Security-Policy\" content=\"default-src 'none'");
});

t.test('CSV quotes and defuses formulas from server text', async (t) => {
  t.equal(csvCell('a,b'), '"a,b"');
  t.equal(csvCell('say "hi"'), '"say ""hi"""');
  t.equal(csvCell('=cmd|calc'), "'=cmd|calc");
  t.equal(csvCell(-3), '-3', 'numbers are numbers');
  const row = csvRow(1, gradeHost(hostileFacts()), hostileFacts());
  t.match(row, /^1,evil\.example,/);
  t.equal(row.split('\n').length, 2, 'one line');
});

t.test('the badge shows the c2s grade and the compliance percentage, escaped', async (t) => {
  const svg = renderBadge(gradeHost(baseline('a&b.example')));
  t.match(svg, '>c2s TLS<');
  t.match(svg, '>A+<');
  t.match(svg, /compliance<\/text><text[^>]*>\d+%</);
  t.match(svg, 'a&amp;b.example');
});

t.test('the terminal table neutralises control characters', async (t) => {
  const g = gradeHost({ ...baseline('x.example'), unreachable: 'refused \u001b[2J' });
  t.notMatch(renderLeaderboardText([{ grades: g }]), '\u001b');
});

t.test('the progress line counts hosts and shows the last one, control characters escaped', async (t) => {
  const { renderRankProgress, rankProgress } = await import('../../../src/rank/progress.js');
  t.equal(renderRankProgress({ done: 3, total: 10, unreachable: 1, startedMs: 0, last: 'x\u001b[2J.example' }, 65_000), '[3/10 hosts] 1:05  unreachable 1  last: x\\x1b[2J.example');
  let written = '';
  const stop = rankProgress({ isTTY: false, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WritableStream, { done: 0, total: 1, unreachable: 0, startedMs: 0 }, false);
  stop();
  t.equal(written, '', 'silent when not a terminal');
});
