/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { bindingChecks } from './binding.js';
import { conflictChecks } from './conflict.js';
import { sessionChecks } from './session.js';

export const checks: readonly CheckDefinition[] = [...bindingChecks, ...conflictChecks, ...sessionChecks];
