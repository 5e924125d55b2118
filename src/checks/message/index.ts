/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { addressingChecks } from './addressing.js';
import { bareJidChecks } from './bare-jid.js';
import { fullJidChecks } from './full-jid.js';
import { orderingChecks } from './ordering.js';

export const checks: readonly CheckDefinition[] = [...bareJidChecks, ...fullJidChecks, ...addressingChecks, ...orderingChecks];
