/** C7, C8, C12: authentication that must fail — wrong password, too many retries, a foreign authzid. */
import type { CheckDefinition } from '../types.js';
import { describeScram, scramExchange } from './scram-exchange.js';
import { tryForeignAuthzid } from './authzid.js';
import { openSecured } from './stream-steps.js';

/** Beyond RFC 6120's "no more than 5" retries, with room to see the close. */
const MAX_ATTEMPTS = 8;

const wrongPassword: CheckDefinition = {
  id: 'rfc6120.sasl.wrong-password',
  title: 'A wrong password gets <failure><not-authorized/></failure>, not success or a dropped stream',
  area: 'sasl',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '6.4.5' }, { doc: 'RFC 6120', section: '6.5.10' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'failure'],
  needs: { accounts: 1 },
  async run(ctx) {
    const account = await ctx.account();
    const { probe } = await openSecured(ctx);
    const result = await scramExchange(probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: `${account.password}-wrong` });
    if (result.kind === 'success') return { outcome: 'violation', reason: 'SCRAM-SHA-1 with a wrong password succeeded' };
    if (result.kind !== 'failure') return { outcome: 'violation', reason: `a wrong password ended in ${describeScram(result)} instead of <failure><not-authorized/></failure>` };
    if (result.condition !== 'not-authorized') return { outcome: 'violation', reason: `a wrong password got <${result.condition}/> instead of <not-authorized/>` };
    const open = !probe.state.streamEnded && !probe.state.socketClosed;
    return { outcome: 'pass', reason: `wrong password refused with <not-authorized/>; the stream ${open ? 'stays open' : 'was closed'}` };
  },
};

const retryLimit: CheckDefinition = {
  id: 'rfc6120.sasl.retry-limit',
  title: 'After a failed authentication a few retries are allowed (2 to 5), then the stream is closed',
  area: 'sasl',
  level: 'SHOULD',
  spec: [{ doc: 'RFC 6120', section: '6.4.5' }],
  tags: ['sasl', 'failure', 'retries'],
  needs: { accounts: 1 },
  timeoutMs: 60_000,
  async run(ctx) {
    const account = await ctx.account();
    const { probe } = await openSecured(ctx);
    let failures = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await scramExchange(probe, { mechanism: 'SCRAM-SHA-1', username: account.username, password: `wrong-${attempt}` });
      if (result.kind === 'success') return { outcome: 'violation', reason: `attempt ${attempt} with a wrong password succeeded` };
      if (result.kind !== 'failure') {
        ctx.note(`attempt ${attempt}: ${describeScram(result)}`);
        break;
      }
      failures++;
    }
    const closed = probe.state.streamEnded || probe.state.socketClosed || (await probe.closedByServer(2000));
    const retries = failures - 1;
    if (!closed) return { outcome: 'violation', reason: `${failures} failed attempts on one stream and it is still open: no retry limit seen (RFC 6120: at least 2, no more than 5 retries)` };
    if (retries < 2) return { outcome: 'violation', reason: `the stream was closed after ${failures} failed attempt(s): fewer than the 2 retries RFC 6120 asks for` };
    if (retries > 5) return { outcome: 'violation', reason: `${retries} retries were allowed before the stream was closed (RFC 6120: no more than 5)` };
    return { outcome: 'pass', reason: `${retries} retries allowed after the first failure, then the stream was closed` };
  },
};

/**
 * Decided (issue 10): RFC 6120 §6.5.6 only defines <invalid-authzid/> and RFC 4616 §2 says what
 * the server does with an authzid without a keyword, so this check records; a session granted
 * AS the other user is the security profile's failure (gauntlet.security.authzid-impersonation).
 */
const invalidAuthzid: CheckDefinition = {
  id: 'rfc6120.sasl.invalid-authzid',
  title: 'Records how an authorization identity naming another user is treated (<invalid-authzid/> names the case)',
  area: 'sasl',
  level: 'INFO',
  spec: [{ doc: 'RFC 6120', section: '6.5.6' }, { doc: 'RFC 6120', section: '6.3.8' }, { doc: 'RFC 4616', section: '2' }],
  legacy: [{ doc: 'RFC 3920', section: '6' }],
  tags: ['sasl', 'failure', 'authzid'],
  needs: { accounts: 2 },
  async run(ctx) {
    const attempt = await tryForeignAuthzid(ctx);
    switch (attempt.kind) {
      case 'no-plain':
        return { outcome: 'skip', reason: 'PLAIN, the mechanism that carries an authzid here, is not offered after TLS' };
      case 'refused':
        return attempt.condition === 'invalid-authzid'
          ? { outcome: 'pass', reason: 'a foreign authzid is refused with <invalid-authzid/>' }
          : { outcome: 'info', reason: `a foreign authzid got ${attempt.answer}` };
      case 'granted':
        return {
          outcome: 'info',
          reason: attempt.asOther
            ? `PLAIN with authzid ${attempt.other} succeeded and the session was bound AS ${attempt.bound} (see gauntlet.security.authzid-impersonation)`
            : `PLAIN with authzid ${attempt.other} succeeded with the authzid ignored: the session was bound as the authenticating user (${attempt.bound})`,
        };
    }
  },
};

export const failureChecks: readonly CheckDefinition[] = [wrongPassword, retryLimit, invalidAuthzid];
