/** The upload area: XEP-0363 (HTTP file upload), with a check account and the HTTP side of its slots. */
import type { CheckDefinition } from '../types.js';
import { limitChecks } from './limits.js';
import { slotChecks } from './slot.js';
import { transferChecks } from './transfer.js';

export const checks: readonly CheckDefinition[] = [...limitChecks, ...slotChecks, ...transferChecks];
