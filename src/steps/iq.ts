/**
 * `iq`: send an iq and wait for its result, timed as iq_rtt{kind=ping} (XEP-0199 ping, to the
 * user's server unless `to` says otherwise) or iq_rtt{kind=raw} (the given XML; its id is set
 * for you). An error reply fails the step with its condition.
 */
import { COUNTERS, LATENCY } from '../metrics/index.js';
import { NS, parseXml, xml, type Element } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepContext, StepOf, StepRun } from './context.js';
import { StepFailure } from './failures.js';
import { preciseNowMs } from './stamp.js';

function requestOf(ctx: StepContext, step: StepOf<'iq'>): { kind: 'ping' | 'raw'; iq: Element } {
  const to = step.to === undefined ? undefined : ctx.render(step.to);
  if (step.request === 'ping') return { kind: 'ping', iq: xml('iq', { type: 'get', to: to ?? ctx.user.domain }, xml('ping', { xmlns: NS.ping })) };
  let iq: Element;
  try {
    iq = parseXml(ctx.render(step.request.xml));
  } catch (error) {
    throw new StepFailure('step', 'bad-xml', `iq: the request is not XML: ${(error as Error).message}`, { cause: error });
  }
  if (iq.name !== 'iq') throw new StepFailure('step', 'bad-xml', `iq: the request is a <${iq.name}/>, not an <iq/>`);
  if (to !== undefined) iq.attrs.to = to;
  return { kind: 'raw', iq };
}

export const run: StepRun<'iq'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const { kind, iq } = requestOf(ctx, step);
  const startMs = preciseNowMs();
  const reply = session.iq(iq, step.timeoutMs);
  ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'iq' });
  await bounded(reply, { signal: ctx.signal });
  ctx.recordLatency(LATENCY.iqRtt, startMs, preciseNowMs(), { kind });
};
