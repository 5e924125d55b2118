/**
 * `raw`: send XML written in the scenario, rendered. It may hold several elements in a row;
 * each must be well-formed (the session sends parsed elements, not arbitrary bytes).
 */
import { COUNTERS } from '../metrics/index.js';
import { parseXml, type Element } from '../xmpp/index.js';
import { bounded } from './abortable.js';
import type { StepRun } from './context.js';
import { StepFailure } from './failures.js';

function elementsOf(text: string): Element[] {
  try {
    return parseXml(`<raw>${text}</raw>`).getChildElements();
  } catch (error) {
    throw new StepFailure('step', 'bad-xml', `raw: not well-formed XML: ${(error as Error).message}`, { cause: error });
  }
}

export const run: StepRun<'raw'> = async (ctx, step) => {
  const session = ctx.requireSession();
  for (const element of elementsOf(ctx.render(step.xml))) {
    await bounded(session.send(element), { signal: ctx.signal, timeoutMs: step.timeoutMs, what: 'sending raw XML' });
    ctx.run.metrics.increment(COUNTERS.stanzasSent, { kind: element.name });
  }
};
