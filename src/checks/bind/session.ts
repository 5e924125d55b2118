/** D5: the legacy session IQ (RFC 3921) — accepted when advertised; required by the RFC 3920 profile. */
import { randomUUID } from 'node:crypto';
import { NS } from '../../xmpp/index.js';
import { answer, describe } from '../sasl/stream-steps.js';
import type { CheckDefinition } from '../types.js';
import { authenticated, bindRequest, describeBind } from './bind-steps.js';

const legacySession: CheckDefinition = {
  id: 'rfc3921.bind.legacy-session',
  title: 'The session IQ is accepted whenever <session/> is advertised (the RFC 3920 profile requires it)',
  area: 'bind',
  level: 'MUST',
  spec: [{ doc: 'RFC 3921', section: '3' }],
  tags: ['bind', 'session', 'legacy'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe, features } = await authenticated(ctx, account);
    const advertised = features.getChild('session', NS.session);
    const bound = await bindRequest(probe);
    if (bound.kind !== 'result') throw new Error(`could not bind before the session IQ: ${describeBind(bound)}`);
    if (!advertised) {
      if (ctx.profile === 'rfc3920') return { outcome: 'violation', reason: 'RFC 3920 profile: session establishment (RFC 3921 §3) is not advertised' };
      return { outcome: 'info', reason: '<session/> is not advertised (RFC 6121 dropped session establishment)' };
    }
    const optional = advertised.getChild('optional') !== undefined;
    const id = randomUUID();
    probe.send(`<iq type='set' id='${id}'><session xmlns='${NS.session}'/></iq>`);
    const reply = await answer(probe);
    const ok = reply.kind === 'element' && reply.element.is('iq') && reply.element.attrs.id === id && reply.element.attrs.type === 'result';
    if (!ok) return { outcome: 'violation', reason: `<session/> is advertised${optional ? ' (optional)' : ''}, but the session IQ got ${describe(reply)}` };
    return { outcome: 'pass', reason: `<session/> advertised ${optional ? 'with <optional/>' : 'as required'}; the session IQ gets a result` };
  },
};

export const sessionChecks: readonly CheckDefinition[] = [legacySession];
