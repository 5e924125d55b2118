/** The discovery area: XEP-0156 (discovering the HTTP endpoints). */
import type { CheckDefinition } from '../types.js';

export const checks: CheckDefinition[] = [];
