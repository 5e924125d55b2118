/**
 * Where checks get their accounts: fresh ones from the lab's admin interface or through in-band
 * registration, or — for a server we cannot create accounts on — the user's own, reused by every
 * check that needs only as many accounts as were supplied.
 */
import { randomBytes } from 'node:crypto';
import type { LabServer } from '../lab/types.js';
import { inBatches } from '../accounts/batches.js';
import { isServerFault, openSession, registerAccount, XmppStanzaError, XmppStreamError } from '../xmpp/index.js';
import { restoreAccount, snapshotAccount, type RosterSnapshot } from './account-restore.js';
import type { CheckAccount, CheckTarget } from './types.js';

export interface AccountProvider {
  /** How the accounts come about, for skip reasons and the report. */
  readonly kind: 'lab' | 'register' | 'supplied';
  /** How many distinct accounts one check can get (Infinity when they are created on demand). */
  readonly capacity: number;
  /** The `index`-th account of one check (0-based): fresh, or the supplied one at that index. */
  account(index: number): Promise<CheckAccount>;
  /** Removes what this provider created (best effort). */
  cleanup(): Promise<void>;
}

/** Unique, readable throwaway names: checks run in parallel and across runs on one server. */
function freshCredentials(): { username: string; password: string } {
  return { username: `chk-${randomBytes(5).toString('hex')}`, password: randomBytes(12).toString('base64url') };
}

export function labAccounts(lab: LabServer): AccountProvider {
  return {
    kind: 'lab',
    capacity: Infinity,
    async account() {
      const [created] = await lab.createAccounts([freshCredentials()]);
      return { ...created! };
    },
    // The lab's data directory goes away with the lab.
    cleanup: async () => undefined,
  };
}

/** XEP-0077 registration over STARTTLS; the accounts are unregistered again at the end. */
/** Accounts removed or restored at once at the end of a run. */
const CLEANUP_CONCURRENCY = 8;

function connectionTo(target: CheckTarget, timeoutMs: number) {
  return { domain: target.domain, host: target.host, port: target.port, tls: 'starttls' as const, ca: target.caPem, timeoutMs };
}

export function registeredAccounts(target: CheckTarget, timeoutMs = 10_000): AccountProvider {
  const created: CheckAccount[] = [];
  const connection = connectionTo(target, timeoutMs);
  return {
    kind: 'register',
    capacity: Infinity,
    async account() {
      const { username, password } = freshCredentials();
      await registerAccount({ ...connection, username, password }).catch((error: unknown) => {
        // A refusal is the server's registration policy (e.g. ejabberd's one registration per address
        // per 10 minutes), not a broken rule: the check cannot run here, it has not failed.
        if (!(error instanceof XmppStanzaError || error instanceof XmppStreamError)) throw error;
        throw Object.assign(new Error(`the server refused to register a throwaway account: ${error.message}`), { skip: true });
      });
      const account = { username, password, domain: target.domain, jid: `${username}@${target.domain}` };
      created.push(account);
      return account;
    },
    // Concurrent and short: the account is gone once <remove/> is answered, so the close is not waited for long.
    async cleanup() {
      await inBatches(
        created.splice(0),
        CLEANUP_CONCURRENCY,
        async (account) => {
          const session = await openSession({ ...connection, username: account.username, password: account.password });
          await session.iq("<iq type='set'><query xmlns='jabber:iq:register'><remove/></query></iq>").catch(() => undefined);
          await session.close(1000).catch(() => undefined);
        },
        { keepGoing: true },
      );
    },
  };
}

/**
 * The operator's own accounts: shared by the checks, never created or removed. With `target`,
 * each account's roster is read before its first use and put back at the end; a run never
 * assumes the account is fresh.
 */
export function suppliedAccounts(accounts: readonly CheckAccount[], target?: CheckTarget, timeoutMs = 10_000): AccountProvider {
  const snapshots = new Map<number, Promise<RosterSnapshot | undefined>>();
  const connection = target && connectionTo(target, timeoutMs);
  return {
    kind: 'supplied',
    capacity: accounts.length,
    async account(index) {
      const account = accounts[index];
      if (!account) throw new Error(`only ${accounts.length} account(s) supplied`);
      if (connection && !snapshots.has(index)) {
        snapshots.set(index, snapshotAccount(connection, account).catch((error: unknown) => {
          // A stream the server broke is its fault; otherwise the user's credentials: a tool-side `error`.
          if (isServerFault(error)) throw error;
          throw new Error(`could not log in ${account.jid} to read its roster before the checks: ${(error as Error).message}`);
        }));
      }
      await snapshots.get(index);
      return account;
    },
    async cleanup() {
      if (!connection) return;
      const taken = [...snapshots].map(([index, snapshot]) => ({ account: accounts[index]!, snapshot }));
      await inBatches(
        taken,
        CLEANUP_CONCURRENCY,
        async ({ account, snapshot }) => {
          const before = await snapshot;
          if (before) await restoreAccount(connection, account, before);
        },
        { keepGoing: true },
      );
    },
  };
}
