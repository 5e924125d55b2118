import { COUNTERS } from '../../metrics/index.js';
import { xml } from '../../xmpp/index.js';
import { resolveRecipient } from '../recipient.js';
import { preciseNowMs, stampElement } from '../stamp.js';
import type { StepRun } from './step.js';

/** A body of exactly `size` bytes (ASCII), recognisable in a wire log. */
function padded(size: number, seq: number): string {
  const head = `gauntlet#${seq} `;
  return (head + 'x'.repeat(Math.max(0, size - head.length))).slice(0, size);
}

/**
 * Sends `count` messages, each stamped with its send time (and the intended start of a
 * rate-driven iteration), so the receiving simulated user records the end-to-end latency.
 */
export const message: StepRun<'message'> = async (ctx, step) => {
  const session = ctx.requireSession();
  for (let i = 0; i < step.count; i++) {
    const seq = ctx.nextSeq();
    const to = resolveRecipient(ctx, step.to);
    const body = step.size !== undefined ? padded(step.size, seq) : step.body !== undefined ? ctx.render(step.body) : `gauntlet#${seq}`;
    const sentMs = preciseNowMs();
    const lagMs = ctx.intendedStartMs === undefined ? undefined : Math.max(0, Date.now() - ctx.intendedStartMs);
    const stamp = stampElement({ run: ctx.shared.runId, sentMs, intendedMs: lagMs === undefined ? undefined : sentMs - lagMs });
    await session.send(xml('message', { to, type: step.type, id: `${ctx.user.username}-${seq}` }, xml('body', {}, body), stamp));
    ctx.shared.metrics.increment(COUNTERS.stanzasSent, { kind: 'message' });
  }
};
