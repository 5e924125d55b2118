/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { accountChecks } from './account.js';
import { formChecks } from './form.js';
import { submitChecks } from './submit.js';

export const checks: readonly CheckDefinition[] = [...formChecks, ...submitChecks, ...accountChecks];
