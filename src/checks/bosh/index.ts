/** The bosh area: XEP-0124 and XEP-0206 (BOSH), on the target's BOSH endpoint (skipped without one). */
import type { CheckDefinition } from '../types.js';
import { errorChecks } from './errors.js';
import { pollingChecks } from './polling.js';
import { sessionChecks } from './session.js';
import { staleRidChecks } from './stale-rid.js';
import { xmppChecks } from './xmpp.js';

export const checks: readonly CheckDefinition[] = [...sessionChecks, ...errorChecks, ...staleRidChecks, ...pollingChecks, ...xmppChecks];
