/**
 * `disconnect`: leave `random-online`, wait (bounded by the step's timeout) for the messages
 * already on their way to this session, then close the stream cleanly (both </stream:stream>)
 * and the connection.
 */
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';

export const run: StepRun<'disconnect'> = async (ctx, step) => {
  const session = ctx.requireSession();
  ctx.session = undefined;
  const jid = session.jid.toString();
  ctx.run.online.remove(jid);
  await ctx.run.deliveries.drain(jid, step.timeoutMs ?? ctx.run.defaultTimeoutMs, ctx.signal);
  await bounded(session.close(step.timeoutMs), { signal: ctx.signal });
};
