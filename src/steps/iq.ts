/**
 * `iq`: send an iq and wait for its result, timed as iq_rtt{kind=ping} (XEP-0199 ping, to the
 * user's server unless `to` says otherwise) or iq_rtt{kind=raw} (the given XML; its id is set
 * for you). An error reply fails the step with its condition.
 */
import { randomUUID } from 'node:crypto';
import { COUNTERS, LATENCY } from '../metrics/index.js';
import { NS, parseXml, xml, type Element } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepContext, StepOf, StepRun } from './context.js';
import { StepFailure } from './failures.js';
import { counterpartOf, requirePeers } from './peers.js';
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

/** The remote counterpart sends the iq (to this user's session unless `to` says otherwise) and waits for the answer over s2s. */
async function runAsPeer(ctx: StepContext, step: StepOf<'iq'>, kind: 'ping' | 'raw', iq: Element): Promise<void> {
  const peers = requirePeers(ctx);
  const id = `peer-iq-${randomUUID()}`;
  Object.assign(iq.attrs, { id, from: `${counterpartOf(peers, ctx.user)}/gauntlet`, to: step.to === undefined ? ctx.requireSession().jid.toString() : iq.attrs.to });
  const startMs = preciseNowMs();
  const reply = peers.network.waitFor((s) => s.name === 'iq' && s.attrs.id === id, step.timeoutMs);
  await bounded(peers.network.send(iq), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending an iq over s2s' });
  ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'iq', side: 's2s' });
  const answer = await bounded(reply, { signal: ctx.signal });
  if (answer.attrs.type === 'error') {
    const condition = answer.getChild('error')?.getChildElements()[0]?.name ?? 'undefined-condition';
    throw new StepFailure('stanza-error', condition, `iq over s2s answered with <${condition}/>`);
  }
  ctx.recordLatency(LATENCY.iqRtt, startMs, preciseNowMs(), { kind, side: 's2s' });
}

export const run: StepRun<'iq'> = async (ctx, step) => {
  const { kind, iq } = requestOf(ctx, step);
  if (step.asPeer) return runAsPeer(ctx, step, kind, iq);
  const session = ctx.requireSession();
  const startMs = preciseNowMs();
  const reply = session.iq(iq, step.timeoutMs);
  ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'iq' });
  await bounded(reply, { signal: ctx.signal });
  ctx.recordLatency(LATENCY.iqRtt, startMs, preciseNowMs(), { kind });
};
