/** `disconnect`: close the stream cleanly (both </stream:stream>) and the connection. */
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';

export const run: StepRun<'disconnect'> = async (ctx, step) => {
  const session = ctx.requireSession();
  ctx.session = undefined;
  await bounded(session.close(step.timeoutMs), { signal: ctx.signal });
};
