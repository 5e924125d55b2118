/** From what a check observed to what the report shows: the level decides how bad a violation is. */
import type { CheckLevel, CheckOutcome, Verdict } from './types.js';

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
      return level === 'MUST' ? 'fail' : 'warn';
  }
}
