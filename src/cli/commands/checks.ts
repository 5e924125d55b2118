import type { Command } from 'commander';
import { CATALOGUE, parseSelectors, rulesText, selectChecks, type CheckDefinition, type SpecRef } from '../../checks/index.js';
import { renderCatalogueMarkdown } from '../../report/checks-catalogue.js';
import { renderTable } from '../../report/table.js';

const cite = (refs: readonly SpecRef[] | undefined): string => (refs ?? []).map((ref) => `${ref.doc} §${ref.section}`).join(', ');

/** What `checks list --json` prints: the catalogue as data, without the run functions. */
export function describeCatalogue(checks: readonly CheckDefinition[]) {
  return checks.map((check) => ({
    id: check.id,
    title: check.title,
    area: check.area,
    level: check.level,
    rule: check.rule,
    ...(check.secondaryRule ? { secondaryRule: check.secondaryRule } : {}),
    spec: check.spec,
    legacy: check.legacy ?? [],
    tags: check.tags ?? [],
    needs: check.needs ?? {},
  }));
}

export function registerChecksCommand(program: Command): void {
  const checks = program.command('checks').description('the conformance catalogue');
  checks
    .command('list')
    .description('list the checks with their level and the spec sections they cite')
    .option('--spec <selectors>', "only these: spec names ('RFC 6121', XEP-0077), areas, tags, ids or globs; comma-separated")
    .option('--json', 'print JSON instead of a table')
    .option('--markdown', 'print the Markdown of docs/checks-catalogue.md')
    .addHelpText('after', "\nExamples:\n  $ gauntlet checks list\n  $ gauntlet checks list --spec 'RFC 6121' --json\n")
    .action((options: { spec?: string; json?: boolean; markdown?: boolean }) => {
      const selected = selectChecks(CATALOGUE, { select: parseSelectors(options.spec) });
      if (options.markdown) {
        process.stdout.write(renderCatalogueMarkdown(selected));
        return;
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(describeCatalogue(selected), null, 2)}\n`);
        return;
      }
      const rows = selected.map((check) => [check.id, check.level, cite(check.spec), rulesText(check)]);
      process.stdout.write(`${renderTable(['check', 'level', 'spec', 'rule (keyword, section, what it asks)'], rows)}\n\n${selected.length} checks\n`);
    });
}
