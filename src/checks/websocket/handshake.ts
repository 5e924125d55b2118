/** The WebSocket opening handshake and the `xmpp` subprotocol (RFC 7395 §3.1). */
import type { CheckDefinition } from '../types.js';
import { connectProbe, describeHandshake, NO_ENDPOINT } from './support.js';

const RFC7395 = 'RFC 7395';

const subprotocol: CheckDefinition = {
  id: 'rfc7395.websocket.subprotocol',
  title: "An upgrade offering the 'xmpp' subprotocol is answered with Sec-WebSocket-Protocol: xmpp",
  area: 'websocket',
  level: 'MUST',
  spec: [{ doc: RFC7395, section: '3.1' }],
  async run(ctx) {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const { handshake, probe } = await connectProbe(ctx, ['xmpp']);
    probe?.destroy();
    if (handshake.status !== 101) return { outcome: 'violation', reason: `an upgrade offering 'xmpp' got ${describeHandshake(handshake)}, not a WebSocket` };
    const chosen = (handshake.subprotocol ?? '').split(',').map((name) => name.trim());
    if (chosen.length !== 1 || chosen[0] !== 'xmpp') return { outcome: 'violation', reason: `the upgrade was answered with ${describeHandshake(handshake)}, not 'xmpp'` };
    return { outcome: 'pass', reason: "HTTP 101 with Sec-WebSocket-Protocol: xmpp" };
  },
};

const withoutSubprotocol: CheckDefinition = {
  id: 'rfc7395.websocket.without-subprotocol',
  title: "What an upgrade offering no subprotocol gets (refused, or a WebSocket without 'xmpp')",
  area: 'websocket',
  // §3.1 obliges the client to offer 'xmpp'; no sentence tells the server how to treat one that does not.
  level: 'INFO',
  spec: [{ doc: RFC7395, section: '3.1' }],
  async run(ctx) {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const { handshake, probe } = await connectProbe(ctx, []);
    probe?.destroy();
    if (handshake.status === 101 && handshake.subprotocol === undefined) return { outcome: 'info', reason: 'an upgrade offering no subprotocol was accepted without one (HTTP 101)' };
    return { outcome: 'info', reason: `an upgrade offering no subprotocol got ${describeHandshake(handshake)}` };
  },
};

export const handshakeChecks: readonly CheckDefinition[] = [subprotocol, withoutSubprotocol];
