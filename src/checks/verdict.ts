/** From what a check observed to what the report shows: the keyword of the rule broken decides how bad it is. */
import type { CheckDefinition, CheckLevel, CheckOutcome, RuleKeyword, Verdict } from './types.js';

/** The level a keyword gives: no keyword → INFO (the text only describes). */
export function levelOf(keyword: RuleKeyword): CheckLevel {
  if (keyword === 'MUST' || keyword === 'MUST NOT') return 'MUST';
  if (keyword === 'SHOULD' || keyword === 'SHOULD NOT') return 'SHOULD';
  return keyword === 'MAY' ? 'MAY' : 'INFO';
}

export function verdictFor(level: CheckLevel, outcome: CheckOutcome['outcome']): Verdict {
  switch (outcome) {
    case 'skip':
      return 'skip';
    case 'info':
      return 'info';
    case 'pass':
      return level === 'INFO' ? 'info' : 'pass';
    case 'violation':
      if (level === 'INFO') return 'info';
      return level === 'MUST' || level === 'SECURITY' ? 'fail' : 'warn';
  }
}

/** The verdict of one outcome of `check`: a violation of its secondary rule is judged by that rule's keyword. */
export function verdictOf(check: Pick<CheckDefinition, 'level' | 'secondaryRule'>, outcome: CheckOutcome): Verdict {
  if (outcome.outcome === 'violation' && outcome.of === 'secondary' && check.secondaryRule) {
    return verdictFor(levelOf(check.secondaryRule.keyword), 'violation');
  }
  return verdictFor(check.level, outcome.outcome);
}
