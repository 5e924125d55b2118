/** Area K — server-to-server (RFC 6120 §4–§5 on the s2s port, XEP-0220, XEP-0178, RFC 6121 across domains), in catalogue order. */
import type { CheckDefinition } from '../types.js';
import { addressingChecks } from './addressing.js';
import { dialbackChecks } from './dialback.js';
import { federationChecks } from './federation.js';
import { initiatorChecks } from './initiator.js';
import { streamChecks } from './stream.js';

export const checks: readonly CheckDefinition[] = [...streamChecks, ...dialbackChecks, ...initiatorChecks, ...addressingChecks, ...federationChecks];
