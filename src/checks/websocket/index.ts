/** The websocket area: RFC 7395 (XMPP over WebSocket), in catalogue order. */
import type { CheckDefinition } from '../types.js';
import { closingChecks } from './closing.js';
import { framingChecks } from './framing.js';
import { handshakeChecks } from './handshake.js';
import { restartChecks } from './restart.js';

export const checks: readonly CheckDefinition[] = [...handshakeChecks, ...framingChecks, ...restartChecks, ...closingChecks];
