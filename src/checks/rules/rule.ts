/** Building blocks of the rule tables: one entry per check id. */
import type { CheckRule, RuleKeyword } from '../types.js';

export interface RuleEntry {
  rule: CheckRule;
  /** A weaker sentence judged apart (see CheckDefinition.secondaryRule). */
  secondary?: CheckRule;
}

export type RuleTable = Record<string, RuleEntry>;

export function rule(section: string, keyword: RuleKeyword, says: string, secondary?: CheckRule): RuleEntry {
  return { rule: { section, keyword, says }, ...(secondary ? { secondary } : {}) };
}

/** The secondary part of an entry: `rule(..., also('RFC 6120 §11.1', 'SHOULD', '...'))`. */
export function also(section: string, keyword: RuleKeyword, says: string): CheckRule {
  return { section, keyword, says };
}
