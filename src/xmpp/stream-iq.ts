import { randomUUID } from 'node:crypto';
import { XmppStanzaError } from './errors.js';
import type { XmppStream } from './stream.js';
import { xml, type Element } from './xml.js';

/** An IQ set during negotiation (before a Session exists): waits for its result, throws its error. */
export async function negotiationIq(stream: XmppStream, payload: Element, timeoutMs: number, what: string): Promise<Element> {
  const id = randomUUID();
  await stream.send(xml('iq', { type: 'set', id }, payload));
  for (;;) {
    const reply = await stream.next(timeoutMs, what);
    if (!reply.is('iq') || reply.attrs.id !== id) continue;
    if (reply.attrs.type === 'error') throw XmppStanzaError.fromStanza(reply);
    if (reply.attrs.type === 'result') return reply;
  }
}
