import { GauntletError } from '../util/errors.js';

/** mod_http_api on the lab's loopback listener: admin commands as JSON POSTs, no XMPP involved. */
export interface EjabberdApiAccount {
  username: string;
  domain: string;
  password: string;
}

/** Each registration hashes a SCRAM password (PBKDF2) on the server: more than this only queues. */
const CONCURRENCY = 8;

async function call(baseUrl: string, command: string, body: object): Promise<{ ok: boolean; status: number; text: string }> {
  const response = await fetch(`${baseUrl}/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, status: response.status, text: await response.text() };
}

/** The `status` command; its text names the running version, e.g. "ejabberd 23.01-1 is running". */
export async function ejabberdStatus(baseUrl: string): Promise<string> {
  const reply = await call(baseUrl, 'status', {});
  if (!reply.ok) throw new GauntletError('environment', `ejabberd's status command failed (HTTP ${reply.status}): ${reply.text}`);
  return JSON.parse(reply.text) as string;
}

/** Upstream version from a status text, without Debian's package revision ("23.01-1" -> "23.01"). */
export function versionFromStatus(status: string): string {
  const full = /ejabberd (\S+) is running/.exec(status)?.[1];
  return full?.replace(/-\d+$/, '') ?? 'unknown';
}

/** The `registered_users` command: every account's username on one virtual host. */
export async function ejabberdRegisteredUsers(baseUrl: string, host: string): Promise<string[]> {
  const reply = await call(baseUrl, 'registered_users', { host });
  if (!reply.ok) throw new GauntletError('environment', `ejabberd's registered_users command failed (HTTP ${reply.status}): ${reply.text}`);
  return JSON.parse(reply.text) as string[];
}

/** Registers accounts through the `register` command, a few requests in flight at a time. */
export async function createEjabberdAccounts(baseUrl: string, accounts: readonly EjabberdApiAccount[]): Promise<void> {
  const errors: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < accounts.length) {
      const account = accounts[next++]!;
      const reply = await call(baseUrl, 'register', { user: account.username, host: account.domain, password: account.password });
      if (!reply.ok) errors.push(`${account.username}@${account.domain}: HTTP ${reply.status} ${reply.text}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accounts.length) }, worker));
  if (errors.length > 0) {
    throw new GauntletError('environment', `ejabberd refused ${errors.length} account(s): ${errors.slice(0, 3).join('; ')}`, {
      hint: 'lab accounts must not exist yet; use fresh usernames',
    });
  }
}
