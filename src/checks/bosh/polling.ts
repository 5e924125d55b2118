/** Polling too fast (XEP-0124 §12, §11): two empty requests inside the session's 'polling' interval. */
import { performance } from 'node:perf_hooks';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { describeExchange, isTerminal, newSession } from './support.js';

const XEP0124 = 'XEP-0124';
/** Empty requests sent to get past responses that still carry payloads (features, say). */
const MAX_DRAIN = 3;

const pollingTooFast: CheckDefinition = {
  id: 'xep0124.bosh.polling-interval',
  title: "Polling faster than the session's 'polling' interval ends the session with policy-violation",
  area: 'bosh',
  level: 'SHOULD',
  spec: [
    { doc: XEP0124, section: '12' },
    { doc: XEP0124, section: '11' },
  ],
  async run(ctx): Promise<CheckOutcome> {
    // A polling session (§12): the server answers every request at once, so two polls can follow each other closely.
    const opened = await newSession(ctx, 'test with', { wait: '0', hold: '0' });
    if ('skip' in opened) return opened.skip;
    const { driver, created } = opened;
    const interval = created.body?.attrs.polling;
    if (!interval) {
      await driver.terminate();
      return { outcome: 'skip', reason: "the creation response names no 'polling' interval: the server must then allow any polling rate (§12)" };
    }
    ctx.note(`polling='${interval}': sending empty requests back to back`);
    let sentAt = performance.now();
    let first = await driver.send();
    for (let drained = 0; drained < MAX_DRAIN && !isTerminal(first) && first.body?.children.length !== 0; drained++) {
      sentAt = performance.now();
      first = await driver.send();
    }
    if (first.body?.attrs.condition === 'policy-violation') {
      return { outcome: 'pass', reason: `the server is stricter still: an empty request soon after the creation (polling='${interval}') already got ${describeExchange(first)}` };
    }
    if (isTerminal(first)) return { outcome: 'skip', reason: `the session ended before a second poll could follow: ${describeExchange(first)}` };
    if (first.body?.children.length !== 0) {
      await driver.terminate();
      return { outcome: 'skip', reason: `every poll brought payloads (${describeExchange(first)}): no empty response to follow up` };
    }
    const gapMs = performance.now() - sentAt;
    const second = await driver.send();
    if (gapMs >= Number(interval) * 1000) {
      await driver.terminate();
      return { outcome: 'skip', reason: `the two polls lay ${Math.round(gapMs)} ms apart, not inside polling='${interval}' s (a slow run)` };
    }
    const what = `two empty requests ${Math.round(gapMs)} ms apart (polling='${interval}'), the first answered with no payload`;
    if (second.body?.attrs.condition === 'policy-violation') return { outcome: 'pass', reason: `${what}: the second got ${describeExchange(second)}` };
    if (!isTerminal(second)) await driver.terminate();
    return { outcome: 'violation', reason: `${what}: the second got ${describeExchange(second)}, not policy-violation` };
  },
};

export const pollingChecks: readonly CheckDefinition[] = [pollingTooFast];
