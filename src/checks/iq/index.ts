/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { addressingChecks } from './addressing.js';
import { errorChecks } from './errors.js';
import { requestChecks } from './requests.js';

export const checks: readonly CheckDefinition[] = [...requestChecks, ...errorChecks, ...addressingChecks];
