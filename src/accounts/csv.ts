import { readFile } from 'node:fs/promises';
import type { VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';

/** `username,password[,domain]` per line; a header line naming the columns is skipped. */
export async function csvUsers(file: string, defaultDomain: string): Promise<VirtualUser[]> {
  const text = await readFile(file, 'utf8').catch((cause) => {
    throw new GauntletError('config', `cannot read the accounts file ${file}`, { cause, hint: 'accounts.csv is relative to the scenario file' });
  });
  const users: VirtualUser[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const fields = line.split(',').map((field) => field.trim());
    if (line.trim() === '' || line.startsWith('#') || (index === 0 && fields[0] === 'username')) return;
    const [username, password, domain = defaultDomain] = fields;
    if (!username || !password) {
      throw new GauntletError('config', `${file}:${index + 1}: expected username,password[,domain]`, { hint: 'one account per line' });
    }
    users.push({ n: users.length + 1, username, password, domain, jid: `${username}@${domain}` });
  });
  if (users.length === 0) throw new GauntletError('config', `${file} holds no accounts`, { hint: 'one username,password per line' });
  return users;
}
