/** Rules of the discovery area: XEP-0156 (discovering the HTTP endpoints). */
import type { RuleTable } from './rule.js';

export const discoveryRules: RuleTable = {};
