import type { Step } from '../scenario/index.js';
import type { UserContext } from './context.js';
import { StepFailure } from './failures.js';

type Recipient = Extract<Step, { kind: 'message' }>['to'];

function randomOf(values: readonly string[]): string | undefined {
  return values[Math.floor(Math.random() * values.length)];
}

/** The JID a `to:` names for this user now: a keyword, or a template (`user{n+1}` gets @domain). */
export function resolveRecipient(ctx: UserContext, to: Recipient): string {
  if (to === 'self') return ctx.user.jid;
  if (to === 'random-online') {
    const jid = ctx.shared.online.pickOther(ctx.user.username);
    if (!jid) throw new StepFailure('step', 'no-recipient', 'no other user is online (send presence first, or add a wait step)');
    return jid;
  }
  if (to === 'contact') {
    const jid = randomOf([...ctx.roster]);
    if (!jid) throw new StepFailure('step', 'no-recipient', 'the roster is empty (run roster.get or subscribe first)');
    return jid;
  }
  const rendered = ctx.render(to.jid);
  return rendered.includes('@') ? rendered : `${rendered}@${ctx.user.domain}`;
}
