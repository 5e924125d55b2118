/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { getSetChecks } from './get-set.js';
import { removeChecks } from './remove.js';
import { setErrorChecks } from './set-errors.js';
import { versioningChecks } from './versioning.js';

export const checks: readonly CheckDefinition[] = [...getSetChecks, ...setErrorChecks, ...removeChecks, ...versioningChecks];
