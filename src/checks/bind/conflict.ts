/** D4: a resource already in use — one of three policies, never two sessions with one full JID. */
import { randomBytes } from 'node:crypto';
import type { CheckDefinition } from '../types.js';
import { authenticated, bindRequest, describeBind, stillAnswers } from './bind-steps.js';

const resourceConflict: CheckDefinition = {
  id: 'rfc6120.bind.resource-conflict',
  title: 'Binding a resource already in use: new resource, <conflict/> error, or the old session ends — never both live',
  area: 'bind',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '7.7.2.2' }],
  legacy: [{ doc: 'RFC 3920', section: '7' }],
  tags: ['bind', 'conflict', 'either'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const resource = `gauntlet-${randomBytes(4).toString('hex')}`;
    const first = await authenticated(ctx, account, 'first');
    const firstReply = await bindRequest(first.probe, resource);
    if (firstReply.kind !== 'result') throw new Error(`the first binding failed: ${describeBind(firstReply)}`);
    const second = await authenticated(ctx, account, 'second');
    const secondReply = await bindRequest(second.probe, firstReply.resource);
    const taken = firstReply.jid;

    if (secondReply.kind === 'error') {
      if (secondReply.condition !== 'conflict') return { outcome: 'violation', reason: `the second binding of ${taken} got <${secondReply.condition}/>, not <conflict/>` };
      if (!(await stillAnswers(first.probe, ctx.target.domain))) return { outcome: 'violation', reason: 'the new binding was refused with <conflict/>, yet the first session stopped answering' };
      return { outcome: 'info', reason: `policy: the new binding is refused with <conflict/>; the first session of ${taken} goes on` };
    }
    if (secondReply.kind !== 'result') return { outcome: 'violation', reason: `the second binding of ${taken} got ${describeBind(secondReply)}` };
    if (secondReply.jid !== taken) {
      if (!(await stillAnswers(first.probe, ctx.target.domain))) return { outcome: 'violation', reason: `the second session got ${secondReply.jid}, yet the first one stopped answering` };
      return { outcome: 'info', reason: `policy: the second session gets another resource (${secondReply.jid}); the first keeps ${taken}` };
    }
    const error = await first.probe.streamError(5000);
    if (error?.condition === 'conflict') return { outcome: 'info', reason: `policy: the old session of ${taken} is ended with a <conflict/> stream error, the new one takes the resource` };
    if (await stillAnswers(first.probe, ctx.target.domain)) return { outcome: 'violation', reason: `two live sessions are bound to the same full JID ${taken}` };
    return { outcome: 'violation', reason: `the new session took ${taken}; the old one was ended ${error ? `with <${error.condition}/>` : 'without a stream error'} instead of <conflict/>` };
  },
};

export const conflictChecks: readonly CheckDefinition[] = [resourceConflict];
