/** Area checks, in catalogue order; the registry (src/checks/registry.ts) collects every area. */
import type { CheckDefinition } from '../types.js';
import { broadcastChecks } from './broadcast.js';
import { cancelChecks } from './cancel.js';
import { directedChecks } from './directed.js';
import { preApprovalChecks } from './pre-approval.js';
import { subscribeChecks } from './subscribe.js';

export const checks: readonly CheckDefinition[] = [...broadcastChecks, ...subscribeChecks, ...cancelChecks, ...preApprovalChecks, ...directedChecks];
