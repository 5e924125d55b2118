/**
 * `approve`: wait for a subscription request (from `from`, or anyone) and approve it
 * (RFC 6121 §3.1.4). A request that arrived before the step started is found too.
 */
import { COUNTERS } from '../metrics/index.js';
import { bareJid, xml, type Element } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';

export const run: StepRun<'approve'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const wanted = step.from === undefined ? undefined : bareJid(ctx.render(step.from));
  const isRequest = (stanza: Element): boolean =>
    stanza.name === 'presence' &&
    stanza.attrs.type === 'subscribe' &&
    stanza.attrs.from !== undefined &&
    (wanted === undefined || bareJid(stanza.attrs.from) === wanted);
  const request = await bounded(session.waitFor(isRequest, step.timeoutMs), { signal: ctx.signal });
  const approval = xml('presence', { to: bareJid(request.attrs.from as string), type: 'subscribed' });
  await bounded(session.send(approval), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending an approval' });
  ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence' });
};
