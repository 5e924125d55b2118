/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { delayChecks } from './delay.js';
import { discoChecks } from './disco.js';
import { flushChecks } from './flush.js';
import { storageChecks } from './storage.js';

export const checks: readonly CheckDefinition[] = [...storageChecks, ...flushChecks, ...delayChecks, ...discoChecks];
