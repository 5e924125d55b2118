/** Submitting a registration (XEP-0077 §3.1): incomplete data, a taken name, success. */
import { xml, type Element } from '../../xmpp/index.js';
import type { CheckAccount, CheckContext, CheckDefinition, CheckOutcome } from '../types.js';
import { canLogIn, credentials, describe, registerQuery, removeQuietly, securedStream, throwaway, type RegisterAnswer } from './ibr.js';
import { ServerFault } from '../blame.js';

const SECTION = [{ doc: 'XEP-0077', section: '3.1' }] as const;
const IBR_DISABLED: CheckOutcome = { outcome: 'skip', reason: 'IBR disabled: the server does not advertise in-band registration after TLS' };

/** Submits `children` on a secured stream, or returns the skip when IBR is not offered. */
async function submit(ctx: CheckContext, children: Element[]): Promise<RegisterAnswer | CheckOutcome> {
  const { probe, offered } = await securedStream(ctx);
  try {
    if (!offered) return IBR_DISABLED;
    return await registerQuery(probe, ctx.target.domain, 'set', children);
  } finally {
    probe.close();
  }
}

const isOutcome = (value: RegisterAnswer | CheckOutcome): value is CheckOutcome => 'outcome' in value;

/** Incomplete submissions must be refused with not-acceptable (and must not create the account). */
function incomplete(id: string, title: string, build: (account: CheckAccount) => Element[], what: string): CheckDefinition {
  return {
    id,
    title,
    area: 'register',
    level: 'MUST',
    spec: SECTION,
    tags: ['register', 'errors'],
    needs: { registration: true },
    async run(ctx) {
      const account = throwaway(ctx);
      const answer = await submit(ctx, build(account));
      if (isOutcome(answer)) return answer;
      if (answer.kind === 'result') {
        await removeQuietly(ctx, account);
        return { outcome: 'violation', reason: `a registration with ${what} was accepted` };
      }
      if (answer.kind === 'error' && answer.condition === 'not-acceptable') return { outcome: 'pass', reason: `${what}: refused with <not-acceptable/>` };
      return { outcome: 'violation', reason: `${what}: expected <not-acceptable/>, got ${describe(answer)}` };
    },
  };
}

const missingPassword = incomplete(
  'xep0077.register.missing-field',
  'A registration without a password is refused with not-acceptable',
  (account) => [xml('username', {}, account.username)],
  'no <password/>',
);

const emptyPassword = incomplete(
  'xep0077.register.empty-password',
  'A registration with an empty password is refused with not-acceptable',
  (account) => [xml('username', {}, account.username), xml('password')],
  'an empty <password/>',
);

const conflict: CheckDefinition = {
  id: 'xep0077.register.conflict',
  title: 'Registering a username that is taken fails with conflict and leaves the account alone',
  area: 'register',
  level: 'INFO', // XEP-0077 §3.1 shows conflict as a possible failure, without a keyword
  spec: SECTION,
  tags: ['register', 'errors'],
  needs: { registration: true },
  async run(ctx) {
    const owner = throwaway(ctx);
    const first = await submit(ctx, credentials(owner));
    if (isOutcome(first)) return first;
    if (first.kind !== 'result') throw new (first.kind === 'closed' ? Error : ServerFault)(`registering a fresh throwaway account failed with ${describe(first)}`);
    try {
      const intruder = { ...owner, password: throwaway(ctx).password };
      ctx.note(`registering ${owner.username} a second time with another password`);
      const second = await submit(ctx, credentials(intruder));
      if (isOutcome(second)) return second;
      const ownerStillIn = await canLogIn(ctx, owner);
      if (second.kind === 'result' || !ownerStillIn) {
        return { outcome: 'violation', reason: `the second registration got ${describe(second)}; the first password ${ownerStillIn ? 'still works' : 'no longer works'}` };
      }
      if (second.kind === 'error' && second.condition === 'conflict') return { outcome: 'pass', reason: 'refused with <conflict/>; the account is unchanged' };
      return { outcome: 'violation', reason: `refused with ${describe(second)} instead of <conflict/> (the account is unchanged)` };
    } finally {
      await removeQuietly(ctx, owner);
    }
  },
};

const success: CheckDefinition = {
  id: 'xep0077.register.success',
  title: 'A complete registration succeeds and the new account can log in',
  area: 'register',
  level: 'INFO', // XEP-0077 §3.1 shows success without obliging a host to accept
  spec: SECTION,
  tags: ['register'],
  needs: { registration: true },
  async run(ctx) {
    const account = throwaway(ctx);
    const answer = await submit(ctx, credentials(account));
    if (isOutcome(answer)) return answer;
    if (answer.kind !== 'result') return { outcome: 'violation', reason: `a complete registration got ${describe(answer)}` };
    try {
      if (!(await canLogIn(ctx, account))) return { outcome: 'violation', reason: 'registered, but the new account cannot log in' };
      return { outcome: 'pass', reason: 'registered with an IQ result, then logged in' };
    } finally {
      await removeQuietly(ctx, account);
    }
  },
};

/** Registers a throwaway account for checks that need one; undefined with the skip when IBR is off. */
export async function registeredAccount(ctx: CheckContext): Promise<CheckAccount | CheckOutcome> {
  const account = throwaway(ctx);
  const answer = await submit(ctx, credentials(account));
  if (isOutcome(answer)) return answer;
  if (answer.kind !== 'result') throw new (answer.kind === 'closed' ? Error : ServerFault)(`registering a throwaway account failed with ${describe(answer)}`);
  return account;
}

export const submitChecks: readonly CheckDefinition[] = [missingPassword, emptyPassword, conflict, success];
