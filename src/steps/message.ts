/**
 * `message`: send `count` messages back to back, each stamped for message_e2e. The body is
 * `body` (rendered), or `size` bytes of generated ASCII text, or "message {seq} from {user}".
 * `random-online` and `contact` pick a new recipient for every message.
 */
import { COUNTERS } from '../metrics/index.js';
import { xml } from '../xmpp/index.js';
import { bounded, throwIfAborted } from './abortable.js';
import type { StepContext, StepOf, StepRun } from './context.js';
import { counterpartOf, requirePeers } from './peers.js';
import { resolveRecipient } from './recipients.js';
import { preciseNowMs, stampElement } from './stamp.js';

const FILLER = 'the quick brown fox jumps over the lazy dog ';
const paddedBodies = new Map<number, string>();

/** Exactly `size` bytes of ASCII text (cached: scenarios use a handful of sizes). */
export function paddedBody(size: number): string {
  let body = paddedBodies.get(size);
  if (body === undefined) {
    body = FILLER.repeat(Math.ceil(size / FILLER.length)).slice(0, size);
    paddedBodies.set(size, body);
  }
  return body;
}

function bodyOf(ctx: StepContext, step: StepOf<'message'>): string {
  if (step.body !== undefined) return ctx.render(step.body);
  if (step.size !== undefined) return paddedBody(step.size);
  return ctx.render('message {seq} from {user}');
}

export const run: StepRun<'message'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const body = bodyOf(ctx, step);
  for (let i = 0; i < step.count; i += 1) {
    throwIfAborted(ctx.signal);
    const to = await resolveRecipient(ctx, step.to, step.timeoutMs);
    if (step.asPeer) {
      const stamp = stampElement(ctx.stamp(preciseNowMs()));
      // The remote counterpart sends over its s2s link; the session only told us where to.
      const from = `${counterpartOf(requirePeers(ctx), ctx.user)}/gauntlet`;
      const message = xml('message', { from, to, type: step.type }, xml('body', {}, body), stamp);
      await bounded(requirePeers(ctx).network.send(message), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending a message over s2s' });
      ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'message', side: 's2s' });
      continue;
    }
    const side = ctx.run.federation?.crossing(ctx.user.domain, to);
    const crossing = side && ctx.run.federation!.next(side);
    const stamp = stampElement({ ...ctx.stamp(preciseNowMs()), first: crossing?.first });
    const message = xml('message', { to, type: step.type, id: crossing?.id }, xml('body', {}, body), stamp);
    // Only a full socket buffer is waited for (bounded): no timer or listener per message.
    if (!session.push(message)) await bounded(session.drained(), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending a message' });
    ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: 'message' });
    ctx.run.deliveries.sent(to);
    if (side) ctx.run.federation!.sent(side);
  }
};
