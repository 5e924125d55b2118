/** One line for a rule in lists and reports: "MUST (RFC 6120 §11.1): what it asks". */
import type { CheckRule } from '../types.js';

export function ruleLine(rule: CheckRule | undefined): string {
  if (!rule) return '';
  return `${rule.keyword === 'none' ? 'no keyword' : rule.keyword} (${rule.section}): ${rule.says}`;
}

/** The rule and, when there is one, the secondary rule judged apart. */
export function rulesText(check: { rule?: CheckRule; secondaryRule?: CheckRule }, separator = '; then '): string {
  return [ruleLine(check.rule), ruleLine(check.secondaryRule)].filter(Boolean).join(separator);
}
