import { registerAccount, XmppStanzaError, openSession, xml, type SessionOptions } from '../xmpp/index.js';
import type { VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { inBatches, type BatchOutcome } from './batches.js';
import type { ProvisionContext } from './types.js';

const CONCURRENCY = 8;

/** The user's own server: the second one of a two-server run for the users living there. */
function sessionOptions(user: VirtualUser, { connection: first, federated, timeoutMs }: ProvisionContext): SessionOptions {
  const connection = federated?.connection.domain === user.domain ? federated.connection : first;
  return {
    domain: user.domain,
    host: connection.host,
    port: connection.port,
    tls: connection.tls,
    transport: connection.transport,
    url: connection.url,
    ca: connection.caPem,
    allowCleartextAuth: connection.allowCleartextAuth,
    timeoutMs,
    username: user.username,
    password: user.password,
  };
}

/**
 * XEP-0077 in-band registration. A `conflict` means the name is taken: the account is kept as it
 * is and not counted as created (a re-run meets its own accounts; a wrong password then shows up
 * as a login failure).
 */
export function registerUsers(users: readonly VirtualUser[], context: ProvisionContext): Promise<BatchOutcome<VirtualUser>> {
  const created: VirtualUser[] = [];
  return inBatches(
    users,
    CONCURRENCY,
    async (user) => {
      try {
        await registerAccount(sessionOptions(user, context));
        created.push(user);
      } catch (error) {
        if (error instanceof XmppStanzaError && error.condition === 'conflict') return;
        throw new GauntletError('config', `in-band registration of ${user.jid} failed: ${(error as Error).message}`, {
          cause: error,
          hint: 'the server may have registration disabled or throttled; use another accounts source',
        });
      }
    },
    { signal: context.signal },
  ).then((outcome) => ({ ...outcome, done: created }));
}

/** XEP-0077 §3.2: each account logs in and removes itself; every account is tried. */
export async function unregisterUsers(users: readonly VirtualUser[], context: ProvisionContext): Promise<void> {
  const { done, failure } = await inBatches(
    users,
    CONCURRENCY,
    async (user) => {
      const session = await openSession(sessionOptions(user, context));
      try {
        await session.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:register' }, xml('remove'))));
      } finally {
        await session.close().catch(() => undefined);
      }
    },
    { keepGoing: true },
  );
  if (failure !== undefined) {
    throw new GauntletError('config', `${users.length - done.length} of ${users.length} registered accounts could not be removed: ${(failure as Error).message}`, {
      hint: 'remove them with the server\'s admin tools',
    });
  }
}
