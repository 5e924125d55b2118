import t from 'tap';
import type { Step } from '../../../src/scenario/types.js';
import { inboxLimitFor } from '../../../src/steps/login.js';

const login = { kind: 'login', timeoutMs: 1000 } as Step;
const message = { kind: 'message', to: 'random-online', count: 1, timeoutMs: 1000 } as unknown as Step;
const expectStep = { kind: 'expect', stanza: '<message/>', timeoutMs: 1000 } as unknown as Step;
const approve = { kind: 'approve', timeoutMs: 1000 } as unknown as Step;
const loop = (steps: Step[]) => ({ kind: 'loop', count: 2, steps, timeoutMs: 1000 }) as unknown as Step;

t.test('a flow that never claims an unclaimed stanza keeps none', async (t) => {
  t.equal(inboxLimitFor([login, loop([message])]), 0);
});

t.test('expect or approve anywhere in the flow, nested loops included, keeps the inbox', async (t) => {
  t.equal(inboxLimitFor([login, expectStep]), 256);
  t.equal(inboxLimitFor([login, approve]), 256);
  t.equal(inboxLimitFor([login, loop([message, loop([expectStep])])]), 256);
});
