import { LATENCY } from '../../metrics/index.js';
import { parseXml, xml } from '../../xmpp/index.js';
import { raceAbort } from '../abortable.js';
import { preciseNowMs } from '../stamp.js';
import type { StepRun } from './step.js';

/** Sends an iq (XEP-0199 ping by default) and times the round trip as iq_rtt{kind=...}. */
export const iq: StepRun<'iq'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const to = step.to === undefined ? ctx.user.domain : ctx.render(step.to);
  const request =
    step.request === 'ping'
      ? xml('iq', { type: 'get', to }, xml('ping', { xmlns: 'urn:xmpp:ping' }))
      : parseXml(ctx.render(step.request.xml));
  if (step.request !== 'ping' && step.to !== undefined) request.attrs.to = to;
  const kind = step.request === 'ping' ? 'ping' : 'raw';
  const started = preciseNowMs();
  await raceAbort(session.iq(request, step.timeoutMs), ctx.signal);
  ctx.shared.metrics.recordMs(LATENCY.iqRtt, preciseNowMs() - started, { kind });
};
