/** A 'rid' repeated after its response has left the buffer (XEP-0124 §14.3): item-not-found. */
import { XmppConnectError, type BoshExchange } from '../../xmpp/index.js';
import type { CheckDefinition, CheckOutcome } from '../types.js';
import { describeExchange, isTerminal, newSession, requestWindow, REQUESTED_WAIT } from './support.js';

const XEP0124 = 'XEP-0124';
/** Requests sent after the one repeated, beyond the window the server keeps responses for. */
const PAST_WINDOW = 2;

/** The repeated request's answer, or undefined when none came within 'wait' and the probe's own limit. */
async function answerOrSilence(request: Promise<BoshExchange>): Promise<BoshExchange | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof XmppConnectError && error.reason === 'timeout') return undefined;
    throw error;
  }
}

const staleRid: CheckDefinition = {
  id: 'xep0124.bosh.rid-stale',
  title: "A request repeating a 'rid' whose response is no longer buffered gets the terminal condition item-not-found",
  area: 'bosh',
  level: 'MUST',
  // A server that holds every request for its full 'wait' takes a few of them, and the repeat one more.
  timeoutMs: 40_000,
  spec: [
    { doc: XEP0124, section: '14.3' },
    { doc: XEP0124, section: '17.1' },
  ],
  async run(ctx): Promise<CheckOutcome> {
    const opened = await newSession(ctx, 'test with');
    if ('skip' in opened) return opened.skip;
    const { driver, created } = opened;
    const window = requestWindow(created);
    const repeated = driver.rid;
    // Each new empty request releases the one held before it (hold='1'), so the rids advance quickly.
    let held = driver.send();
    held.catch(() => undefined); // awaited below, or left behind when the check ends early
    for (let sent = 1; sent < window + 1 + PAST_WINDOW; sent++) {
      const next = driver.send();
      next.catch(() => undefined);
      const answered = await held;
      held = next;
      if (isTerminal(answered)) return { outcome: 'skip', reason: `the session ended while its rids advanced: ${describeExchange(answered)}` };
    }
    // The last request stays held: the termination or the probe's close releases it.
    const next = driver.rid;
    ctx.note(`rids ${repeated}…${next - 1} sent; repeating rid ${repeated}, ${next - repeated} requests back (window ${window})`);
    driver.rid = repeated;
    const again = await answerOrSilence(driver.send());
    driver.rid = next;
    const what = `rid ${repeated}, repeated ${next - repeated} requests later (window ${window}),`;
    if (!again) {
      await driver.terminate();
      return { outcome: 'violation', reason: `${what} got no answer within ${REQUESTED_WAIT} s ('wait') and the probe's limit` };
    }
    if (!isTerminal(again)) {
      await driver.terminate();
      return { outcome: 'pass', reason: `${what} got ${describeExchange(again)}: the buffered copy, kept longer than the window (allowed)` };
    }
    if (again.status !== 200) return { outcome: 'violation', of: 'secondary', reason: `${what} got HTTP ${again.status}, a legacy error code, though the client gave ver='1.11'` };
    const condition = again.body?.attrs.condition;
    if (condition !== 'item-not-found') return { outcome: 'violation', reason: `${what} got ${describeExchange(again)}, not item-not-found` };
    return { outcome: 'pass', reason: `${what} got ${describeExchange(again)}` };
  },
};

export const staleRidChecks: readonly CheckDefinition[] = [staleRid];
