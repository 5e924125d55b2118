import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareRankFiles, renderRankComparisonText } from '../../../src/rank/compare.js';
import { compareHosts, gradeHost } from '../../../src/rank/grade/index.js';
import type { HostFacts } from '../../../src/rank/facts.js';
import type { RankFile } from '../../../src/rank/output/rank-file.js';
import { gauntlet } from '../../helpers/cli.js';
import { baseline, plainBeforeTls, tlsLegacy } from './facts-fixture.js';

function rankFile(hosts: HostFacts[]): RankFile {
  const graded = hosts.map((facts) => ({ facts, grades: gradeHost(facts) })).sort((a, b) => compareHosts(a.grades, b.grades));
  return {
    kind: 'gauntlet-rank', version: 1, rubric: 'docs/rank.md', generatedAt: '2026-12-07T04:00:00Z', toolVersion: '0', listed: hosts.length, notFinished: 0, interrupted: false,
    hosts: graded.map(({ facts, grades }, i) => ({ rank: i + 1, domain: grades.domain, total: grades.total, grades, facts })),
  };
}

const a = rankFile([baseline('steady.example'), tlsLegacy(), baseline('plain-before-tls.example'), baseline('gone.example')]);
const b = rankFile([baseline('steady.example'), { ...baseline('tls-legacy.example') }, plainBeforeTls(), baseline('new.example')]);

t.test('two rank runs: who improved, regressed, appeared, went', async (t) => {
  const c = compareRankFiles({ file: 'a.json', data: a }, { file: 'b.json', data: b });
  const change = (domain: string) => c.hosts.find((h) => h.domain === domain)?.change;
  t.equal(change('tls-legacy.example'), 'improved');
  t.equal(change('plain-before-tls.example'), 'regressed');
  t.match(c.hosts.find((h) => h.domain === 'plain-before-tls.example')!.why, [/score/, /c2s TLS A\+ → A/]);
  t.equal(change('steady.example'), 'same');
  t.equal(change('gone.example'), 'gone');
  t.equal(change('new.example'), 'new');
  t.equal(c.verdict, 'regressed');
  t.match(renderRankComparisonText(c), /1 improved, 1 regressed, 1 unchanged, 1 new, 1 gone/);
});

t.test('gauntlet compare detects rank.json files and exits 4 on a regression, 0 otherwise', async (t) => {
  const dir = t.testdir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
  writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
  const regressed = await gauntlet(['compare', join(dir, 'a.json'), join(dir, 'b.json')]);
  t.equal(regressed.code, 4);
  t.match(regressed.out, /regressed\s+plain-before-tls\.example/);
  t.equal((await gauntlet(['compare', join(dir, 'b.json'), join(dir, 'b.json')])).code, 0);
  writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'something' }));
  const mixed = await gauntlet(['compare', join(dir, 'a.json'), join(dir, 'other.json')]);
  t.equal(mixed.code, 2);
  t.match(mixed.err, /is a rank\.json and/);
});
