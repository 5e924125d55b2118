/** The stream restart after SASL over WebSocket (RFC 7395 §3.7): a new <open/> is answered like the first. */
import { NS, ScramClient, type WebSocketProbe } from '../../xmpp/index.js';
import { ServerFault } from '../blame.js';
import type { CheckAccount, CheckDefinition, CheckOutcome } from '../types.js';
import { elementOf, NO_ENDPOINT, openedProbe, openFrame, readGreeting, shown, WAIT_MS } from './support.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

/** The next message as an element in `ns`, or a ServerFault naming what came instead. */
async function expectElement(probe: WebSocketProbe, names: readonly string[], ns: string, step: string) {
  const message = await probe.next(WAIT_MS);
  const element = message ? elementOf(message) : undefined;
  if (!element || !names.some((name) => element.is(name, ns))) {
    throw new ServerFault(`setup: ${step} → ${message ? shown(message) : `nothing within ${WAIT_MS / 1000} s`}`);
  }
  return element;
}

/** SCRAM-SHA-1 on a framed stream whose features were read; payloads are redacted in the wire log. */
async function scramLogin(probe: WebSocketProbe, account: CheckAccount): Promise<void> {
  const scram = new ScramClient({ hash: 'SHA-1', username: account.username, password: account.password });
  probe.send(`<auth xmlns='${NS.sasl}' mechanism='SCRAM-SHA-1'>${b64(scram.clientFirst())}</auth>`);
  const challenge = await expectElement(probe, ['challenge'], NS.sasl, 'SCRAM-SHA-1 auth');
  probe.send(`<response xmlns='${NS.sasl}'>${b64(await scram.clientFinal(unb64(challenge.getText())))}</response>`);
  const success = await expectElement(probe, ['success'], NS.sasl, 'SCRAM-SHA-1 response');
  scram.verifyServerFinal(unb64(success.getText()));
}

const restart: CheckDefinition = {
  id: 'rfc7395.websocket.restart',
  title: 'After SASL success, a new <open/> on the same WebSocket is answered with a new <open/> and the bind feature',
  area: 'websocket',
  level: 'MUST',
  spec: [
    { doc: 'RFC 7395', section: '3.7' },
    { doc: 'RFC 7395', section: '3.4' },
  ],
  needs: { accounts: 1 },
  async run(ctx): Promise<CheckOutcome> {
    if (!ctx.target.http?.websocket) return NO_ENDPOINT;
    const account = await ctx.account();
    const opened = await openedProbe(ctx, account.domain);
    if ('stop' in opened) return opened.stop;
    const { probe } = opened;
    try {
      const greeting = await readGreeting(probe);
      const mechanisms = greeting.features?.getChild('mechanisms', NS.sasl)?.getChildren('mechanism').map((mechanism) => mechanism.getText()) ?? [];
      if (!mechanisms.includes('SCRAM-SHA-1')) return { outcome: 'skip', reason: `SCRAM-SHA-1 is not offered on the WebSocket stream (offered: ${mechanisms.join(', ') || 'none'})` };
      ctx.note(`SCRAM-SHA-1 login of ${account.jid}, then the restart`);
      await scramLogin(probe, account);
      probe.send(openFrame(account.domain));
      const again = await readGreeting(probe);
      const first = again.elements[0];
      if (!first?.is('open', NS.framing)) {
        return { outcome: 'violation', reason: `the new <open/> after SASL got ${again.messages[0] ? shown(again.messages[0]) : `nothing within ${WAIT_MS / 1000} s`}, not an <open/>` };
      }
      if (!again.features?.getChild('bind', NS.bind)) return { outcome: 'violation', reason: `after the restart <open/> ${again.features ? 'the features offer no <bind/>' : 'no <stream:features/> came'}` };
      return { outcome: 'pass', reason: `after <success/> our new <open/> got an <open/> (id '${first.attrs.id ?? ''}') and features with <bind/>` };
    } finally {
      probe.destroy();
    }
  },
};

export const restartChecks: readonly CheckDefinition[] = [restart];
