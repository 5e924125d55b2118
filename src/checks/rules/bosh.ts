/** Rules of the bosh area: XEP-0124 and XEP-0206 (BOSH). */
import type { RuleTable } from './rule.js';

export const boshRules: RuleTable = {};
