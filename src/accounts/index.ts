import type { Accounts } from '../scenario/types.js';
import { GauntletError } from '../util/errors.js';
import { runForEach } from './command.js';
import { csvUsers } from './csv.js';
import { numberedUsers } from './numbered.js';
import { registerUsers } from './register.js';
import { nothingToClean, type ProvisionContext, type Provisioned } from './types.js';

/** Gives every simulated user an account, from the scenario's one source. */
export async function provisionAccounts(accounts: Accounts, context: ProvisionContext): Promise<Provisioned> {
  const domain = context.connection.domain;
  switch (accounts.source) {
    case 'pattern':
      return { users: numberedUsers(accounts, domain), cleanup: nothingToClean };
    case 'csv':
      return { users: await csvUsers(accounts.file, domain), cleanup: nothingToClean };
    case 'lab': {
      const lab = context.lab;
      if (!lab) throw new GauntletError('config', 'accounts.lab needs a lab target', { hint: 'use target: { lab: prosody } or another accounts source' });
      const users = numberedUsers(accounts, domain);
      await lab.createAccounts(users.map(({ username, password, domain }) => ({ username, password, domain })));
      // The lab server and its accounts disappear together when the run ends.
      return { users, cleanup: nothingToClean };
    }
    case 'register': {
      const users = numberedUsers(accounts, domain);
      const remove = await registerUsers(users, context);
      return { users, cleanup: accounts.cleanup ? remove : nothingToClean };
    }
    case 'command': {
      const users = numberedUsers(accounts, domain);
      await runForEach(accounts.create, users, 'create');
      const remove = accounts.delete;
      return { users, cleanup: accounts.cleanup && remove ? () => runForEach(remove, users, 'delete') : nothingToClean };
    }
  }
}

export type { Provisioned, ProvisionContext } from './types.js';
