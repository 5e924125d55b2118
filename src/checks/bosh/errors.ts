/** Ending a session: a request id beyond the window (XEP-0124 §14.2, §17) and the client's termination (§13). */
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { describeExchange, isTerminal, newSession, requestWindow } from './support.js';

const XEP0124 = 'XEP-0124';
/** How far beyond the window the bad rid lies: clearly out of it, whatever the window. */
const BEYOND = 10;

const ridWindow: CheckDefinition = {
  id: 'xep0124.bosh.rid-window',
  title: "A request whose 'rid' lies beyond the window ends the session with an error",
  area: 'bosh',
  level: 'MUST',
  spec: [
    { doc: XEP0124, section: '14.2' },
    { doc: XEP0124, section: '17.1' },
    { doc: XEP0124, section: '17.2' },
  ],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await newSession(ctx, 'test with');
    if ('skip' in opened) return opened.skip;
    const { driver, created } = opened;
    const window = requestWindow(created);
    const expected = driver.rid;
    const far = expected + window + BEYOND;
    ctx.note(`the next rid is ${expected}, the window ${window} wide: sending rid ${far}`);
    driver.rid = far;
    const refused = await driver.send();
    if (!isTerminal(refused)) {
      await driver.terminate();
      return { outcome: 'violation', reason: `rid ${far} (window ${expected}…${expected + window - 1}) got ${describeExchange(refused)}, not an error` };
    }
    ctx.note(`checking that the session is over: a request with the expected rid ${expected}`);
    driver.rid = expected;
    const after = await driver.send();
    if (!isTerminal(after)) {
      await driver.terminate();
      return { outcome: 'violation', reason: `rid ${far} got ${describeExchange(refused)}, but the session lived on: rid ${expected} then got ${describeExchange(after)}` };
    }
    if (refused.status !== 200) {
      return { outcome: 'violation', of: 'secondary', reason: `rid ${far} ended the session with HTTP ${refused.status}, a legacy error code, though the client gave ver='1.11'` };
    }
    const condition = refused.body?.attrs.condition ?? '(none)';
    const named = condition === 'item-not-found' ? '' : ' (the text names item-not-found for this case)';
    return { outcome: 'pass', reason: `rid ${far} ended the session: terminate, condition '${condition}'${named}; the next request was refused too` };
  },
};

const terminate: CheckDefinition = {
  id: 'xep0124.bosh.terminate',
  title: "A request with type='terminate' is answered with HTTP 200 and a <body/>, and the session is over",
  area: 'bosh',
  level: 'SHOULD',
  spec: [{ doc: XEP0124, section: '13' }],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await newSession(ctx, 'test with');
    if ('skip' in opened) return opened.skip;
    const { driver } = opened;
    const ended = await driver.send('', { type: 'terminate' });
    if (ended.status !== 200 || !ended.body) return { outcome: 'violation', reason: `the termination request got ${describeExchange(ended)}` };
    ctx.note('checking that the session is over: the next request with the same sid');
    const after = await driver.send();
    if (!isTerminal(after)) return { outcome: 'violation', reason: `after termination (${describeExchange(ended)}) the sid still works: the next request got ${describeExchange(after)}` };
    return { outcome: 'pass', reason: `termination answered with ${describeExchange(ended)}; the next request got ${describeExchange(after)}` };
  },
};

export const errorChecks: readonly CheckDefinition[] = [ridWindow, terminate];
