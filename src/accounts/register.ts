import { registerAccount, XmppStanzaError, openSession, xml } from '../xmpp/index.js';
import type { ConnectionTarget, VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { inBatches } from './numbered.js';
import type { ProvisionContext } from './types.js';

const CONCURRENCY = 8;

function streamTarget(connection: ConnectionTarget, timeoutMs: number) {
  return {
    domain: connection.domain,
    host: connection.host,
    port: connection.port,
    tls: connection.tls,
    ca: connection.caPem,
    allowCleartextAuth: connection.allowCleartextAuth,
    timeoutMs,
  };
}

/**
 * XEP-0077 in-band registration. A `conflict` means the name is taken: the account is kept as it
 * is (a re-run meets its own accounts), and a wrong password then shows up as a login failure.
 */
export async function registerUsers(users: VirtualUser[], context: ProvisionContext): Promise<() => Promise<void>> {
  const target = streamTarget(context.connection, context.timeoutMs);
  const created: VirtualUser[] = [];
  await inBatches(users, CONCURRENCY, async (user) => {
    try {
      await registerAccount({ ...target, username: user.username, password: user.password });
      created.push(user);
    } catch (error) {
      if (error instanceof XmppStanzaError && error.condition === 'conflict') return;
      throw new GauntletError('config', `in-band registration of ${user.jid} failed: ${(error as Error).message}`, {
        cause: error,
        hint: 'the server may have registration disabled or throttled; use another accounts source',
      });
    }
  });
  return () => removeRegistered(created, target);
}

/** XEP-0077 §3.2: each account removes itself after logging in. */
async function removeRegistered(users: VirtualUser[], target: ReturnType<typeof streamTarget>): Promise<void> {
  await inBatches(users, CONCURRENCY, async (user) => {
    const session = await openSession({ ...target, username: user.username, password: user.password }).catch(() => undefined);
    if (!session) return;
    await session.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:register' }, xml('remove')))).catch(() => undefined);
    await session.close().catch(() => undefined);
  });
}
