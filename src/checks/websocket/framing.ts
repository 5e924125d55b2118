/** The framed stream: the server's <open/> (§3.4), one standalone element per message (§3.2, §3.3.3), no STARTTLS (§3.9). */
import { NS, type ProbeMessage } from '../../xmpp/index.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { frameProblem, hasXmlDeclaration } from './frame-document.js';
import { CLOSE_FRAME, NO_ENDPOINT, openedProbe, readGreeting, shown, WAIT_MS } from './support.js';

const RFC7395 = 'RFC 7395';

const openResponse: CheckDefinition = {
  id: 'rfc7395.websocket.open-response',
  title: "Our framed <open/> is answered with the server's own <open/> (from, id, version 1.0), then stream features",
  area: 'websocket',
  level: 'MUST',
  spec: [
    { doc: RFC7395, section: '3.4' },
    { doc: 'RFC 6120', section: '4.7' },
  ],
  async run(ctx): Promise<CheckOutcome> {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const opened = await openedProbe(ctx);
    if ('stop' in opened) return opened.stop;
    const greeting = await readGreeting(opened.probe);
    opened.probe.destroy();
    const first = greeting.elements[0];
    if (!first) return { outcome: 'violation', reason: greeting.messages[0] ? `the first answer was ${shown(greeting.messages[0])}, not an <open/>` : `no answer to our <open/> within ${WAIT_MS / 1000} s` };
    if (!first.is('open', NS.framing)) return { outcome: 'violation', reason: `our <open/> was answered with <${first.name}> in '${first.getNS() ?? ''}', not <open/> in ${NS.framing}` };
    const domain = ctx.target.domain;
    const problems: string[] = [];
    if (first.attrs.from !== domain) problems.push(`'from' is '${first.attrs.from ?? '(none)'}', not ${domain}`);
    if (!first.attrs.id) problems.push("it has no 'id'");
    if (first.attrs.version !== '1.0') problems.push(`'version' is '${first.attrs.version ?? '(none)'}', not 1.0`);
    if (!greeting.features) problems.push(greeting.error ? 'a stream error came instead of stream features' : 'no <stream:features/> followed');
    if (problems.length > 0) return { outcome: 'violation', reason: `the server's <open/>: ${problems.join('; ')}` };
    return { outcome: 'pass', reason: `<open/> from ${domain} with id and version 1.0, then <stream:features/>` };
  },
};

/** Every message of a greeting and a closing on one framed stream, for the per-message rules. */
async function sessionMessages(ctx: Parameters<CheckDefinition['run']>[0]): Promise<{ messages: ProbeMessage[] } | { stop: CheckOutcome }> {
  const opened = await openedProbe(ctx);
  if ('stop' in opened) return opened;
  const { probe } = opened;
  const greeting = await readGreeting(probe);
  if (greeting.messages.length === 0) return { stop: { outcome: 'skip', reason: `no answer to our <open/> within ${WAIT_MS / 1000} s` } };
  const messages = [...greeting.messages];
  if (!greeting.closed) {
    probe.send(CLOSE_FRAME);
    for (let message = await probe.next(WAIT_MS); message && messages.length < 32; message = await probe.next(WAIT_MS)) messages.push(message);
  }
  probe.destroy();
  return { messages };
}

const frames: CheckDefinition = {
  id: 'rfc7395.websocket.frames',
  title: 'Every message the server sends is a text message holding one complete element, its namespaces declared',
  area: 'websocket',
  level: 'MUST',
  spec: [
    { doc: RFC7395, section: '3.2' },
    { doc: RFC7395, section: '3.3.3' },
  ],
  async run(ctx) {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const session = await sessionMessages(ctx);
    if ('stop' in session) return session.stop;
    for (const [index, message] of session.messages.entries()) {
      const problem = frameProblem(message);
      if (problem) return { outcome: 'violation', reason: `message ${index + 1} (${shown(message)}) is ${problem}` };
    }
    return { outcome: 'pass', reason: `all ${session.messages.length} messages (greeting and closing) were one standalone element each` };
  },
};

const xmlDeclaration: CheckDefinition = {
  id: 'rfc7395.websocket.xml-declaration',
  title: 'Messages from the server carry no XML declaration',
  area: 'websocket',
  level: 'SHOULD',
  spec: [{ doc: RFC7395, section: '3.3.3' }],
  async run(ctx) {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const session = await sessionMessages(ctx);
    if ('stop' in session) return session.stop;
    const declared = session.messages.filter(hasXmlDeclaration);
    if (declared.length > 0) return { outcome: 'violation', reason: `${declared.length} of ${session.messages.length} messages start with an XML declaration, e.g. ${shown(declared[0]!)}` };
    return { outcome: 'pass', reason: `none of the ${session.messages.length} messages (greeting and closing) has an XML declaration` };
  },
};

const noStartTls: CheckDefinition = {
  id: 'rfc7395.websocket.no-starttls',
  title: 'The stream features over WebSocket never offer STARTTLS',
  area: 'websocket',
  level: 'MUST',
  spec: [{ doc: RFC7395, section: '3.9' }],
  async run(ctx) {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const opened = await openedProbe(ctx);
    if ('stop' in opened) return opened.stop;
    const greeting = await readGreeting(opened.probe);
    opened.probe.destroy();
    if (!greeting.features) return { outcome: 'skip', reason: 'no <stream:features/> came after our <open/>' };
    if (greeting.features.getChild('starttls', NS.tls)) return { outcome: 'violation', reason: 'the stream features offer <starttls/> on the WebSocket stream' };
    return { outcome: 'pass', reason: 'the stream features do not offer <starttls/>' };
  },
};

export const framingChecks: readonly CheckDefinition[] = [openResponse, frames, xmlDeclaration, noStartTls];
