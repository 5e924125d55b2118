import { COUNTERS } from '../../metrics/index.js';
import type { StepRun } from './step.js';

/** Closes the stream cleanly (</stream:stream>, then the socket). */
export const disconnect: StepRun<'disconnect'> = async (ctx, step) => {
  const session = ctx.session;
  ctx.shared.online.remove(ctx.user.username);
  ctx.session = undefined;
  await session?.close(step.timeoutMs);
};

/** Writes XML to the stream as it is (templates filled in). */
export const raw: StepRun<'raw'> = async (ctx, step) => {
  await ctx.requireSession().send(ctx.render(step.xml));
  ctx.shared.metrics.increment(COUNTERS.stanzasSent, { kind: 'raw' });
};
