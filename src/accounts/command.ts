import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { inBatches } from './numbered.js';

const run = promisify(execFile);
const CONCURRENCY = 4;

/** Each argument filled in on its own and run without a shell: values cannot inject commands. */
function argv(template: readonly string[], user: VirtualUser): string[] {
  return template.map((arg) =>
    arg.replaceAll('{user}', user.username).replaceAll('{n}', String(user.n)).replaceAll('{domain}', user.domain).replaceAll('{password}', user.password),
  );
}

export async function runForEach(template: readonly string[], users: readonly VirtualUser[], what: string): Promise<void> {
  await inBatches(users, CONCURRENCY, async (user) => {
    const [command, ...args] = argv(template, user);
    await run(command!, args, { timeout: 60_000 }).catch((error: { code?: unknown; stderr?: string }) => {
      // The password may be an argument: never echo the command line.
      throw new GauntletError('config', `the accounts ${what} command "${template[0]}" failed for ${user.jid} (${String(error.code)}): ${(error.stderr ?? '').trim().slice(0, 300)}`, {
        hint: `run it by hand for one account to see why`,
      });
    });
  });
}
