/** The upload area: XEP-0363 (HTTP file upload). */
import type { CheckDefinition } from '../types.js';

export const checks: CheckDefinition[] = [];
