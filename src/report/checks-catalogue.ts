/**
 * The catalogue as Markdown (docs/checks-catalogue.md is this output; a test keeps them equal):
 * one table per area with id, level, the sections cited and the RFC 3920/3921 lineage.
 */
import { rulesText } from '../checks/rules/describe.js';
import type { CheckDefinition, SpecRef } from '../checks/types.js';

const cite = (refs: readonly SpecRef[] | undefined): string => (refs ?? []).map((ref) => `${ref.doc} §${ref.section}`).join(', ') || '—';
/** Pipes would end a table cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderCatalogueMarkdown(checks: readonly CheckDefinition[]): string {
  const areas = [...new Set(checks.map((check) => check.area))];
  const sections = areas.map((area) => {
    const inArea = checks.filter((check) => check.area === area);
    const rows = inArea.map((c) => `| \`${c.id}\` | ${c.level} | ${cell(c.title)} | ${cell(rulesText(c, '<br>then '))} | ${cite(c.spec)} | ${cite(c.legacy)} |`);
    return [`## ${area} (${inArea.length})`, '', '| check | level | what it asserts | rule (keyword, section, what it asks) | spec | from RFC 3920/3921 |', '|---|---|---|---|---|---|', ...rows].join('\n');
  });
  return [
    '# The check catalogue',
    '',
    `Generated from the registry by \`gauntlet checks list --markdown\` (${checks.length} checks); do not edit by hand.`,
    'How checks run and what the verdicts mean: [checks.md](checks.md).',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}
