/** How a framed stream ends: a header in the wrong namespace (§3.3.2), a stream error (§3.5), our <close/> (§3.6). */
import { randomBytes } from 'node:crypto';
import { NS, type WebSocketProbe } from '../../xmpp/index.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { CLOSE_FRAME, conditionOf, elementOf, NO_ENDPOINT, openedProbe, readGreeting, shown, WAIT_MS } from './support.js';

const RFC7395 = 'RFC 7395';

/** After a stream error: the <close/> (`seen`: already read with the greeting) and the end of the WebSocket, as far as they came. */
async function endingAfterError(probe: WebSocketProbe, seen: boolean): Promise<{ closeElement: boolean; closed: boolean; extra?: string }> {
  let closeElement = seen;
  let extra: string | undefined;
  for (let message = seen ? undefined : await probe.next(WAIT_MS); message; message = await probe.next(WAIT_MS)) {
    if (elementOf(message)?.is('close', NS.framing)) closeElement = true;
    else extra ??= shown(message);
    if (closeElement) break;
  }
  const closed = (await probe.closed(WAIT_MS)) !== undefined;
  probe.destroy();
  return { closeElement, closed, extra };
}

const headerNamespace: CheckDefinition = {
  id: 'rfc7395.websocket.header-namespace',
  title: "An <open/> outside the framing namespace ends the stream with <invalid-namespace/>",
  area: 'websocket',
  level: 'MUST',
  spec: [{ doc: RFC7395, section: '3.3.2' }],
  async run(ctx): Promise<CheckOutcome> {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const opened = await openedProbe(ctx, ctx.target.domain, NS.client);
    if ('stop' in opened) return opened.stop;
    const greeting = await readGreeting(opened.probe);
    opened.probe.destroy();
    const trigger = "an <open/> in 'jabber:client'";
    const condition = conditionOf(greeting.error);
    if (condition === 'invalid-namespace') return { outcome: 'pass', reason: `${trigger} → stream error <invalid-namespace/>` };
    if (condition) return { outcome: 'violation', reason: `${trigger} → stream error <${condition}/>, not <invalid-namespace/>` };
    if (greeting.features) return { outcome: 'violation', reason: `${trigger} was accepted: the server answered with stream features` };
    return { outcome: 'violation', reason: `${trigger} got no stream error (${greeting.closed ? 'the WebSocket was closed without one' : `${greeting.messages.length} messages, then silence`})` };
  },
};

const streamError: CheckDefinition = {
  id: 'rfc7395.websocket.stream-error',
  title: 'A stream error at the opening comes after an <open/>, in its own message, followed by <close/> and the end of the WebSocket',
  area: 'websocket',
  level: 'MUST',
  spec: [
    { doc: RFC7395, section: '3.5' },
    { doc: RFC7395, section: '3.6' },
  ],
  async run(ctx): Promise<CheckOutcome> {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const unknown = `nobody-${randomBytes(4).toString('hex')}.example`;
    const opened = await openedProbe(ctx, unknown);
    if ('stop' in opened) return opened.stop;
    const greeting = await readGreeting(opened.probe);
    const trigger = `an <open/> to ${unknown}`;
    if (greeting.features && !greeting.error) {
      opened.probe.destroy();
      return { outcome: 'skip', reason: `${trigger} was accepted (no stream error to look at)` };
    }
    if (!greeting.error) {
      opened.probe.destroy();
      const joined = greeting.messages.find((message) => !elementOf(message) && message.text.includes(NS.streams));
      if (joined) return { outcome: 'violation', reason: `the stream error did not come as a message of its own: ${shown(joined)}` };
      return { outcome: 'skip', reason: `${trigger} got no stream error in a message of its own (${greeting.messages.map(shown).join(', ') || 'nothing'})` };
    }
    const index = greeting.elements.indexOf(greeting.error);
    if (!greeting.elements.slice(0, index).some((element) => element?.is('open', NS.framing))) {
      opened.probe.destroy();
      return { outcome: 'violation', reason: `the stream error <${conditionOf(greeting.error) ?? '?'}/> came without an <open/> before it` };
    }
    const closeSeen = greeting.elements.slice(index + 1).some((element) => element?.is('close', NS.framing));
    const ending = await endingAfterError(opened.probe, closeSeen);
    const after = `after <${conditionOf(greeting.error) ?? '?'}/>`;
    if (!ending.closeElement) return { outcome: 'violation', reason: `${after} no <close/> came (${ending.extra ? `got ${ending.extra}` : ending.closed ? 'the WebSocket just closed' : 'silence'})` };
    if (!ending.closed) return { outcome: 'violation', reason: `${after} and <close/> the WebSocket stayed open for ${WAIT_MS / 1000} s` };
    return { outcome: 'pass', reason: `${trigger} → <open/>, <stream:error/> on its own, <close/>, then the WebSocket closed` };
  },
};

const closeHandshake: CheckDefinition = {
  id: 'rfc7395.websocket.close',
  title: "Our <close/> is answered with the server's <close/> and the end of the WebSocket",
  area: 'websocket',
  // §3.6 carries the closing over from RFC 6120 §4.4, which binds only the side that closes first.
  level: 'INFO',
  spec: [{ doc: RFC7395, section: '3.6' }],
  async run(ctx) {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const opened = await openedProbe(ctx);
    if ('stop' in opened) return opened.stop;
    const { probe } = opened;
    const greeting = await readGreeting(probe);
    if (!greeting.features) {
      probe.destroy();
      return { outcome: 'skip', reason: 'the stream did not get to its features' };
    }
    probe.send(CLOSE_FRAME);
    const answer = await probe.next(WAIT_MS);
    const answered = answer ? elementOf(answer)?.is('close', NS.framing) === true : false;
    const ended = await probe.closed(WAIT_MS);
    probe.destroy();
    const closing = ended ? `the WebSocket closed (code ${ended.code})` : `the WebSocket stayed open for ${WAIT_MS / 1000} s`;
    if (answered) return { outcome: 'info', reason: `our <close/> → the server's <close/>, then ${closing}` };
    return { outcome: 'info', reason: `our <close/> → ${answer ? shown(answer) : 'no <close/>'}; ${closing}` };
  },
};

export const closingChecks: readonly CheckDefinition[] = [headerNamespace, streamError, closeHandshake];
