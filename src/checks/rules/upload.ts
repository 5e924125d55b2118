/** Rules of the upload area: XEP-0363 (HTTP file upload). */
import type { RuleTable } from './rule.js';

export const uploadRules: RuleTable = {};
