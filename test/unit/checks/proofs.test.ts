/**
 * The proof-coverage guard: every catalogue check names, in test/helpers/proofs.ts, the subtests
 * that show it passing and failing (or, for an INFO check, recording). A check without an entry, a
 * file that does not exist, a subtest name no test registers, or a pinned site whose pinned verdict
 * is not the claimed one fails here.
 */
import t, { type Test } from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../../../src/checks/index.js';
import type { CheckDefinition, Verdict } from '../../../src/checks/types.js';
import { BASELINE_VERDICTS } from '../../helpers/baseline-verdicts.js';
import { PROOFS, type ProofSite } from '../../helpers/proofs.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The test files' own sources plus the local helpers they import (which may register subtests for them). */
function sourcesOf(file: string): string[] {
  const source = read(file);
  const helpers = [...source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)]
    .map((m) => relative(ROOT, resolve(ROOT, dirname(file), `${m[1]}.ts`)))
    .filter((helper) => helper.startsWith('test/') && existsSync(join(ROOT, helper)));
  return [source, ...helpers.map(read)];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every `t.test(<literal>` name as an anchored pattern; a `${…}` part of a template matches any text. */
function subtestNames(sources: string[]): RegExp[] {
  const names: RegExp[] = [];
  for (const source of sources) {
    for (const m of source.matchAll(/\bt\.test\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      const text = m[2]!.replace(/\\(.)/g, '$1');
      const pattern = m[1] === '`' ? text.split(/\$\{[^}]*\}/).map(escape).join('.+') : escape(text);
      names.push(new RegExp(`^${pattern}$`));
    }
  }
  return names;
}

const namesCache = new Map<string, RegExp[]>();
function registers(file: string, name: string): boolean {
  if (!namesCache.has(file)) namesCache.set(file, subtestNames(sourcesOf(file)));
  return namesCache.get(file)!.some((pattern) => pattern.test(name));
}

/** The verdicts a site may assert for its side: a pass, a violation at the check's level, or a record. */
function claimed(check: CheckDefinition, side: 'pass' | 'fail' | 'records'): Verdict[] {
  if (side === 'pass') return ['pass'];
  if (side === 'records') return ['info'];
  return check.level === 'SHOULD' || check.level === 'MAY' ? ['warn'] : ['fail'];
}

function checkSite(t: Test, check: CheckDefinition, side: 'pass' | 'fail' | 'records', site: ProofSite): void {
  const where = `${check.id} (${side}): ${site.file} › ${site.test}`;
  if (!existsSync(join(ROOT, site.file))) return void t.fail(`${where}: no such file`);
  t.ok(registers(site.file, site.test), `${where}: the file registers that subtest`);
  if (site.pinned) {
    const pinned = BASELINE_VERDICTS[site.pinned][check.id];
    t.ok(pinned !== undefined && claimed(check, side).includes(pinned), `${where}: pinned ${site.pinned} verdict ${pinned} is a ${side}`);
  } else {
    t.ok(sourcesOf(site.file).some((source) => source.includes(check.id)), `${where}: the test file (or a helper it imports) names the check`);
  }
}

t.test('every catalogue check has a proof entry, and every entry is a catalogue check', async (t) => {
  t.same(Object.keys(PROOFS).sort(), CATALOGUE.map((c) => c.id).sort());
});

t.test('every proof site names an existing file and a subtest it registers, asserting that verdict', async (t) => {
  for (const check of CATALOGUE) {
    const proofs = PROOFS[check.id];
    if (!proofs) continue;
    if ('records' in proofs) checkSite(t, check, 'records', proofs.records);
    else {
      checkSite(t, check, 'pass', proofs.pass);
      checkSite(t, check, 'fail', proofs.fail);
    }
  }
});

t.test('only INFO checks merely record, and docs/checks.md says why each one does', async (t) => {
  const docs = read('docs/checks.md');
  for (const check of CATALOGUE) {
    const records = 'records' in (PROOFS[check.id] ?? {});
    t.equal(records, check.level === 'INFO', `${check.id} (${check.level}) ${records ? 'records' : 'is proven both ways'}`);
    if (records) t.ok(docs.includes(`\`${check.id}\``), `${check.id}: docs/checks.md explains why it only records`);
  }
});

t.test('the guard itself: a templated subtest name matches, a made-up one does not', async (t) => {
  t.ok(registers('test/unit/checks/sasl-checks.test.ts', 'rfc6120.sasl.abort notices silent-abort'));
  t.notOk(registers('test/unit/checks/sasl-checks.test.ts', 'a subtest nobody wrote'));
  t.notOk(registers('test/unit/checks/stream-fake.test.ts', 'features: a version 1.0 header answered with features passes'), 'a prefix is not enough');
});
