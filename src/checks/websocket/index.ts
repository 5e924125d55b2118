/** The websocket area: RFC 7395 (XMPP over WebSocket). */
import type { CheckDefinition } from '../types.js';

export const checks: CheckDefinition[] = [];
