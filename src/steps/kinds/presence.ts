import { COUNTERS } from '../../metrics/index.js';
import { xml } from '../../xmpp/index.js';
import { preciseNowMs, stampElement } from '../stamp.js';
import type { StepRun } from './step.js';

/** Broadcast presence, stamped so contacts can time its delivery; tracks who is online. */
export const presence: StepRun<'presence'> = async (ctx, step) => {
  const session = ctx.requireSession();
  const available = step.type === 'available';
  const sentMs = preciseNowMs();
  const stanza = xml(
    'presence',
    { type: available ? undefined : 'unavailable' },
    step.show ? xml('show', {}, step.show) : undefined,
    step.status ? xml('status', {}, ctx.render(step.status)) : undefined,
    step.priority === undefined ? undefined : xml('priority', {}, String(step.priority)),
    stampElement({ run: ctx.shared.runId, sentMs }),
  );
  await session.send(stanza);
  ctx.shared.metrics.increment(COUNTERS.stanzasSent, { kind: 'presence' });
  if (available) {
    ctx.presenceSentAtMs ??= sentMs;
    ctx.shared.online.add(ctx.user.username, session.jid.toString());
  } else {
    ctx.shared.online.remove(ctx.user.username);
  }
};
