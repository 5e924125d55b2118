/** The discovery area: XEP-0156 (discovering the HTTP endpoints through host-meta). */
import type { CheckDefinition } from '../types.js';
import { documentChecks } from './documents.js';
import { webChecks } from './web.js';

export const checks: readonly CheckDefinition[] = [...documentChecks, ...webChecks];
