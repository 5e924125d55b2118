/** The bosh area: XEP-0124 and XEP-0206 (BOSH). */
import type { CheckDefinition } from '../types.js';

export const checks: CheckDefinition[] = [];
