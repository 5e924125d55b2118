/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { errorChecks } from './errors.js';
import { failureChecks } from './failures.js';
import { mechanismChecks } from './mechanisms.js';
import { scramChecks } from './scram.js';
import { successChecks } from './success.js';

export const checks: readonly CheckDefinition[] = [...mechanismChecks, ...scramChecks, ...failureChecks, ...errorChecks, ...successChecks];
