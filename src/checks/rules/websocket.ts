/** Rules of the websocket area: RFC 7395 (XMPP over WebSocket). */
import type { RuleTable } from './rule.js';

export const websocketRules: RuleTable = {};
