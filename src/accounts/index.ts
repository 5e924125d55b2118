import type { Accounts } from '../scenario/types.js';
import type { VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import type { BatchOutcome } from './batches.js';
import { runForEach } from './command.js';
import { csvUsers } from './csv.js';
import { numberedUsers } from './numbered.js';
import { registerUsers, unregisterUsers } from './register.js';
import { nothingToClean, type ProvisionContext, type Provisioned } from './types.js';
import { WHOLE, stripe } from '../util/segment.js';

/**
 * Accounts created one by one. `remove` (present when cleanup is on) deletes the ones this run
 * created; after a failure they are deleted at once and the failure rethrown.
 */
async function createdOneByOne(users: VirtualUser[], outcome: BatchOutcome<VirtualUser>, remove?: (created: VirtualUser[]) => Promise<void>): Promise<Provisioned> {
  const cleanup = remove ? () => remove(outcome.done) : nothingToClean;
  if (outcome.failure !== undefined) {
    await cleanup().catch(() => undefined);
    throw outcome.failure;
  }
  return { users, cleanup };
}

function rehome(user: VirtualUser, domain: string): VirtualUser {
  return { ...user, domain, jid: `${user.username}@${domain}` };
}

/** In a two-server run every other numbered user lives on the second server. */
function homed(users: VirtualUser[], context: ProvisionContext): VirtualUser[] {
  const second = context.federated;
  return second ? users.map((user, i) => (i % 2 === 1 ? rehome(user, second.connection.domain) : user)) : users;
}

/**
 * The accounts of this run: all of them, or a segment's stripe (every N-th account, so the shards
 * of a run together use exactly the accounts the unsharded run uses, each in one shard).
 */
function ours(users: VirtualUser[], context: ProvisionContext): VirtualUser[] {
  return stripe(context.segment ?? WHOLE, users);
}

/** Gives every simulated user an account, from the scenario's one source. */
export async function provisionAccounts(accounts: Accounts, context: ProvisionContext): Promise<Provisioned> {
  const domain = context.connection.domain;
  switch (accounts.source) {
    case 'pattern':
      return { users: ours(homed(numberedUsers(accounts, domain), context), context), cleanup: nothingToClean };
    case 'csv':
      return { users: ours(await csvUsers(accounts.file, domain), context), cleanup: nothingToClean };
    case 'lab': {
      const lab = context.lab;
      if (!lab) throw new GauntletError('config', 'accounts.lab needs a lab target', { hint: 'use target: { lab: prosody } or another accounts source' });
      const users = ours(homed(numberedUsers(accounts, domain), context), context);
      const second = context.federated;
      if (second && !second.lab) throw new GauntletError('config', 'accounts.lab needs both servers to be lab servers', { hint: 'use another accounts source' });
      const accountsOf = (server: string) => users.filter((user) => user.domain === server).map(({ username, password, domain }) => ({ username, password, domain }));
      await lab.createAccounts(accountsOf(domain));
      if (second?.lab) await second.lab.createAccounts(accountsOf(second.connection.domain));
      // The lab servers and their accounts disappear together when the run ends.
      return { users, cleanup: nothingToClean };
    }
    case 'register': {
      const users = ours(homed(numberedUsers(accounts, domain), context), context);
      const remove = accounts.cleanup ? (created: VirtualUser[]) => unregisterUsers(created, context) : undefined;
      return createdOneByOne(users, await registerUsers(users, context), remove);
    }
    case 'command': {
      const users = ours(homed(numberedUsers(accounts, domain), context), context);
      const deleteCommand = accounts.delete;
      const remove =
        accounts.cleanup && deleteCommand
          ? async (created: VirtualUser[]) => {
              const { failure } = await runForEach(deleteCommand, created, 'delete', { keepGoing: true });
              if (failure !== undefined) throw failure;
            }
          : undefined;
      return createdOneByOne(users, await runForEach(accounts.create, users, 'create', { signal: context.signal }), remove);
    }
  }
}

export { numberedUsers } from './numbered.js';
export type { Provisioned, ProvisionContext } from './types.js';
