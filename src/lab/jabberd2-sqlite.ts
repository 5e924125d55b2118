import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { GauntletError } from '../util/errors.js';
import { requireBinary } from './process.js';

/** The schema Debian ships with jabberd2: authreg (c2s), active and the sm's per-user tables. */
const SCHEMA_FILE = '/usr/share/doc/jabberd2/db-setup.sqlite.gz';

/** SQL text literal: single quotes doubled. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Runs SQL through the sqlite3 shell (stdin), failing on the first error; resolves with its output. */
function sqlite(dbFile: string, sql: string): Promise<string> {
  const binary = requireBinary('sqlite3', 'sqlite3');
  return new Promise((resolve, reject) => {
    const child = execFile(binary, ['-bail', '-cmd', '.timeout 5000', dbFile], (error, stdout, stderr) => {
      if (error) reject(new GauntletError('environment', `sqlite3 on ${dbFile} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(sql);
  });
}

/** Creates the lab's database with Debian's schema. */
export async function createJabberd2Database(dbFile: string): Promise<void> {
  const compressed = await readFile(SCHEMA_FILE).catch(() => {
    throw new GauntletError('environment', `${SCHEMA_FILE} is missing`, { hint: 'apt-get install -y jabberd2' });
  });
  await sqlite(dbFile, gunzipSync(compressed).toString('utf8'));
}

export interface Jabberd2Account {
  username: string;
  domain: string;
  password: string;
}

/** Every account in the lab's database (authreg rows), as user@realm. */
export async function jabberd2AccountJids(dbFile: string): Promise<string[]> {
  const rows = await sqlite(dbFile, "SELECT username || '@' || realm FROM authreg ORDER BY 1;");
  return rows.split('\n').filter((line) => line.length > 0);
}

/**
 * Writes accounts straight into the database, as c2s (authreg row, plaintext password) and the sm
 * ('active' row: the user exists) would after an in-band registration. jabberd2 has no admin
 * interface; both processes read these tables on every login, so no restart is needed.
 */
export async function insertJabberd2Accounts(dbFile: string, accounts: readonly Jabberd2Account[]): Promise<void> {
  if (accounts.length === 0) return;
  const jids = accounts.map((a) => `${a.username}@${a.domain}`);
  const taken = await sqlite(dbFile, `SELECT username || '@' || realm FROM authreg WHERE username || '@' || realm IN (${jids.map(literal).join(', ')});`);
  if (taken.trim()) {
    throw new GauntletError('environment', `jabberd2: ${taken.trim().split('\n').join(', ')} already registered`);
  }
  const now = Math.floor(Date.now() / 1000);
  const rows = accounts.map(
    (a, i) =>
      `INSERT INTO authreg (username, realm, password) VALUES (${literal(a.username)}, ${literal(a.domain)}, ${literal(a.password)});\n` +
      `INSERT INTO active ("collection-owner", "time") VALUES (${literal(jids[i]!)}, ${now});`,
  );
  await sqlite(dbFile, `BEGIN;\n${rows.join('\n')}\nCOMMIT;\n`);
}
